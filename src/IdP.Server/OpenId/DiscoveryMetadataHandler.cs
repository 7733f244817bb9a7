using System.Collections.Immutable;
using System.Text.Json.Nodes;
using IdP.Authentication.Engine;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.OpenId;

/// <summary>
/// Adds IdP's own entries to the discovery document: the enabled acr values, weakest first
/// (OIDC Discovery; RFC 9470 §7), their levels and aliases (published the way Gluu does, as
/// <c>auth_level_mapping</c> and <c>acr_mappings</c>), and support for the claims parameter
/// (essential acr, OIDC Core 5.5.1.1).
/// </summary>
public sealed class DiscoveryMetadataHandler(AcrSettingsStore acrSettings) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseScopedHandler<DiscoveryMetadataHandler>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        var snapshot = await acrSettings.GetSnapshotAsync(context.CancellationToken);
        context.Metadata["acr_values_supported"] = snapshot.Catalog.Enabled.Select(e => (string?)e.Acr).ToImmutableArray();

        var levels = new JsonObject();
        foreach (var group in snapshot.Catalog.Enabled.GroupBy(e => e.Level).OrderBy(g => g.Key))
        {
            levels[group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonArray(group.Select(e => (JsonNode?)JsonValue.Create(e.Acr)).ToArray());
        }

        var aliases = new JsonObject();
        foreach (var (alias, acr) in snapshot.Catalog.Aliases.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            aliases[alias] = acr;
        }

        context.Metadata["auth_level_mapping"] = levels;
        context.Metadata["acr_mappings"] = aliases;
        context.Metadata["request_parameter_supported"] = false;
        context.Metadata["request_uri_parameter_supported"] = false;
    }
}
