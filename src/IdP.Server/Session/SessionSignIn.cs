using System.Globalization;
using System.Security.Claims;
using IdP.Authentication.Engine;
using IdP.Data.Entities;
using Microsoft.AspNetCore.Authentication;

namespace IdP.Server.Session;

/// <summary>
/// Starts the IdP browser session once a sign-in flow has completed: who, when, the acr and
/// level achieved and the RFC 8176 methods (amr), as the acr engine reported them. Every session
/// is also a server-side row (<see cref="UserSessionStore"/>) named in the cookie, so that it can
/// be listed and ended from the server (sign-out, admin force sign-out, the account portal).
/// </summary>
public sealed class SessionSignIn(TimeProvider time)
{
    public async Task SignInAsync(HttpContext http, IdPUser user, AuthenticationResult result)
    {
        var store = http.RequestServices.GetRequiredService<UserSessionStore>();

        // A new sign-in in the same browser (step-up, prompt=login) replaces the session it had.
        await RevokeCurrentAsync(http, store);
        var session = await store.CreateAsync(
            user.Id, result.ReportedAcr, result.Amr, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), http.RequestAborted);

        var identity = new ClaimsIdentity(IdPSession.Scheme, IdPSession.NameClaim, "role");
        identity.AddClaim(new Claim(IdPSession.SubjectClaim, user.Id));
        identity.AddClaim(new Claim(IdPSession.SessionIdClaim, session.Id));
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

    /// <summary>Ends the browser's session: the row is revoked (the cookie is useless even if kept) and the cookie deleted.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        await RevokeCurrentAsync(http, http.RequestServices.GetRequiredService<UserSessionStore>());
        await http.SignOutAsync(IdPSession.Scheme);
    }

    private static async Task RevokeCurrentAsync(HttpContext http, UserSessionStore store)
    {
        var current = (await http.AuthenticateAsync(IdPSession.Scheme)).Principal;
        var sessionId = current?.FindFirst(IdPSession.SessionIdClaim)?.Value;
        var subject = current?.FindFirst(IdPSession.SubjectClaim)?.Value;
        if (sessionId is not null && subject is not null)
        {
            await store.RevokeAsync(subject, sessionId, http.RequestAborted);
        }
    }
}
