using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.OpenId;

/// <summary>
/// With a configured issuer, the discovery document's endpoint URLs are built from the issuer, not from the request:
/// OpenIddict bases them on the request's scheme and <c>Host</c>, so a forged <c>Host</c> header named the attacker's
/// host as token and authorization endpoint (and, cached, served that to everyone). Runs between OpenIddict's
/// <c>AttachIssuer</c> and <c>AttachEndpoints</c>; without an issuer (embedded default) the request still decides.
/// </summary>
public sealed class IssuerBaseUriHandler : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<IssuerBaseUriHandler>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachIssuer.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        if (context.Options.Issuer is { } issuer)
        {
            context.BaseUri = issuer;
        }

        return ValueTask.CompletedTask;
    }
}
