using System.Security.Claims;
using IdP.Data.Entities;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.OpenId;

/// <summary>
/// The passthrough token endpoint. OpenIddict has authenticated the client and, for codes and
/// refresh tokens, checked PKCE, redemption and replay (a replayed code or refresh token revokes
/// its authorization's tokens). Here the user is re-checked and the identity rebuilt with the
/// original auth_time/acr/amr, which never change on refresh (RFC 9470 §6.1).
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TokenController(UserManager<IdPUser> users, ClientDirectory clients) : Controller
{
    [HttpPost("~/connect/token"), IgnoreAntiforgeryToken, Produces("application/json")]
    public async Task<IActionResult> ExchangeAsync(CancellationToken ct)
    {
        var request = HttpContext.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var client = request.ClientId is null ? null : await clients.FindAsync(request.ClientId, ct);
        if (client is null || client.Disabled)
        {
            return OpenIdErrors.Forbid(Errors.InvalidClient, "The client application is disabled.");
        }

        if (request.IsClientCredentialsGrantType())
        {
            var clientIdentity = TokenIdentityFactory.CreateForClient(request.ClientId!, request.GetScopes());
            return SignIn(new ClaimsPrincipal(clientIdentity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return OpenIdErrors.Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
        }

        var result = await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal;
        var subject = principal?.GetClaim(Claims.Subject);
        var user = subject is null ? null : await users.FindByIdAsync(subject);
        if (principal is null || user is null || await users.IsLockedOutAsync(user))
        {
            return OpenIdErrors.Forbid(Errors.InvalidGrant, "The user is no longer allowed to sign in.");
        }

        var facts = TokenIdentityFactory.ReadFacts(principal);
        if (facts is null)
        {
            return OpenIdErrors.Forbid(Errors.InvalidGrant, "The grant does not record how the user authenticated.");
        }

        var identity = TokenIdentityFactory.Create(user, facts, principal.GetScopes());
        identity.SetResources(principal.GetResources());
        identity.SetAuthorizationId(principal.GetAuthorizationId());
        return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

}
