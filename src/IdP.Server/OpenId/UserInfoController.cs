using IdP.Data.Entities;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.OpenId;

/// <summary>UserInfo (OIDC Core §5.3): the claims the access token's scopes allow, read fresh from the store.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class UserInfoController(UserManager<IdPUser> users) : Controller
{
    [Authorize(AuthenticationSchemes = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)]
    [HttpGet("~/connect/userinfo"), HttpPost("~/connect/userinfo"), IgnoreAntiforgeryToken, Produces("application/json")]
    public async Task<IActionResult> UserInfoAsync()
    {
        var principal = (await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var subject = principal?.GetClaim(Claims.Subject);
        var user = subject is null ? null : await users.FindByIdAsync(subject);
        if (principal is null || user is null)
        {
            return OpenIdErrors.Challenge(Errors.InvalidToken, "The user no longer exists.");
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.DisplayName ?? user.UserName ?? user.Id;
            claims[Claims.PreferredUsername] = user.UserName ?? user.Id;
        }

        if (principal.HasScope(Scopes.Email) && !string.IsNullOrEmpty(user.Email))
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }

        if (principal.HasScope(Scopes.Phone) && user.PhoneNumberConfirmed && !string.IsNullOrEmpty(user.PhoneNumber))
        {
            claims[Claims.PhoneNumber] = user.PhoneNumber;
            claims[Claims.PhoneNumberVerified] = true;
        }

        return Ok(claims);
    }
}
