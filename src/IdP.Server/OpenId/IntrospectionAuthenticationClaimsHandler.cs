using System.Text.Json;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace IdP.Server.OpenId;

/// <summary>
/// RFC 9470 §6.2: introspection responses carry <c>acr</c> and <c>auth_time</c> (and here
/// <c>amr</c>), so a resource server can enforce a step-up without parsing the token. OpenIddict
/// returns non-standard claims only to audiences of the token; these three are returned to every
/// caller allowed to introspect it.
/// </summary>
public sealed class IntrospectionAuthenticationClaimsHandler : IOpenIddictServerHandler<HandleIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
            .UseSingletonHandler<IntrospectionAuthenticationClaimsHandler>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleIntrospectionRequestContext context)
    {
        var principal = context.GenericTokenPrincipal;
        if (principal is null)
        {
            return ValueTask.CompletedTask;
        }

        if (principal.GetClaim(Claims.AuthenticationContextReference) is { } acr)
        {
            context.Claims[Claims.AuthenticationContextReference] = acr;
        }

        if (long.TryParse(principal.GetClaim(Claims.AuthenticationTime), out var authTime))
        {
            context.Claims[Claims.AuthenticationTime] = authTime;
        }

        var amr = TokenIdentityFactory.ReadFacts(principal)?.Amr;
        if (amr is { Count: > 0 })
        {
            context.Claims[Claims.AuthenticationMethodReference] = JsonSerializer.SerializeToElement(amr);
        }

        return ValueTask.CompletedTask;
    }
}
