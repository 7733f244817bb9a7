using System.Globalization;
using System.Security.Claims;
using IdP.Authentication.Engine;
using IdP.Data.Entities;
using Microsoft.AspNetCore.Authentication;

namespace IdP.Server.Session;

/// <summary>
/// Starts the IdP browser session once a sign-in flow has completed: who, when, the acr and
/// level achieved and the RFC 8176 methods (amr), as the acr engine reported them.
/// </summary>
public sealed class SessionSignIn(TimeProvider time)
{
    public async Task SignInAsync(HttpContext http, IdPUser user, AuthenticationResult result)
    {
        var identity = new ClaimsIdentity(IdPSession.Scheme, IdPSession.NameClaim, "role");
        identity.AddClaim(new Claim(IdPSession.SubjectClaim, user.Id));
        identity.AddClaim(new Claim(IdPSession.NameClaim, user.UserName ?? user.Id));
        identity.AddClaim(new Claim(IdPSession.AuthTimeClaim,
            time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        identity.AddClaim(new Claim(IdPSession.AcrClaim, result.ReportedAcr));
        identity.AddClaim(new Claim(IdPSession.ScriptClaim, result.ScriptAcr));
        identity.AddClaim(new Claim(IdPSession.LevelClaim, result.Level.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer32));
        foreach (var (name, value) in result.Claims)
        {
            identity.AddClaim(new Claim(IdPSession.ScriptAddedClaimPrefix + name, value));
        }

        foreach (var method in result.Amr)
        {
            identity.AddClaim(new Claim(IdPSession.AmrClaim, method));
        }

        // A session cookie (not persistent): closing the browser ends the IdP session.
        await http.SignInAsync(IdPSession.Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
    }

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(IdPSession.Scheme);
}
