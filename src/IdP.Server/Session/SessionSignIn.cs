using System.Globalization;
using System.Security.Claims;
using IdP.Data.Entities;
using Microsoft.AspNetCore.Authentication;

namespace IdP.Server.Session;

/// <summary>
/// Starts the IdP browser session once a sign-in method has succeeded. The authentication
/// method (acr) and the RFC 8176 methods it achieved (amr) come from the caller, so later
/// methods (e.g. SMS) reuse this unchanged.
/// </summary>
public sealed class SessionSignIn(TimeProvider time)
{
    public async Task SignInAsync(HttpContext http, IdPUser user, string acr, IReadOnlyCollection<string> amr)
    {
        var identity = new ClaimsIdentity(IdPSession.Scheme, IdPSession.NameClaim, "role");
        identity.AddClaim(new Claim(IdPSession.SubjectClaim, user.Id));
        identity.AddClaim(new Claim(IdPSession.NameClaim, user.UserName ?? user.Id));
        identity.AddClaim(new Claim(IdPSession.AuthTimeClaim,
            time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        identity.AddClaim(new Claim(IdPSession.AcrClaim, acr));
        foreach (var method in amr)
        {
            identity.AddClaim(new Claim(IdPSession.AmrClaim, method));
        }

        // A session cookie (not persistent): closing the browser ends the IdP session.
        await http.SignInAsync(IdPSession.Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(IdPSession.Scheme);
}
