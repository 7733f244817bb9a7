using System.Collections.Immutable;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.Admin;

/// <summary>
/// Keeps the admin API's scope out of the public discovery document (RFC 8414 §2: <c>scopes_supported</c>
/// may omit scopes): relying parties have no use for it, and it need not advertise the admin API.
/// </summary>
public sealed class AdminScopeDiscoveryFilter : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<AdminScopeDiscoveryFilter>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        // Written as metadata, which the response applies after the built-in list (that list is attached by a
        // handler ordered after custom ones, so removing from context.Scopes here would not stick).
        context.Metadata[Metadata.ScopesSupported] = context.Options.Scopes
            .Where(s => s != AdminConsole.Scope)
            .Select(s => (string?)s)
            .ToImmutableArray();
        return ValueTask.CompletedTask;
    }
}
