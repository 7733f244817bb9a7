using IdP.Server.Configuration;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.OpenId;

/// <summary>
/// Adds IdP's own entries to the discovery document: the acr values it can satisfy (OIDC
/// Discovery, RFC 9470 §7), support for the claims parameter, and RFC 9207's flag.
/// </summary>
public sealed class DiscoveryMetadataHandler(IOptions<IdPOptions> options) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<DiscoveryMetadataHandler>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.Metadata["acr_values_supported"] = System.Collections.Immutable.ImmutableArray.Create<string?>(options.Value.DefaultAcr);
        context.Metadata["request_parameter_supported"] = false;
        context.Metadata["request_uri_parameter_supported"] = false;
        return ValueTask.CompletedTask;
    }
}
