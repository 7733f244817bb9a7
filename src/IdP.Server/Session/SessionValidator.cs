using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace IdP.Server.Session;

/// <summary>
/// Makes the session cookie revocable: each request's cookie must name a <see cref="Data.Entities.UserSession"/>
/// row of the same user that is not revoked. Costs one indexed read per request, plus a write of
/// <c>LastSeenAt</c> at most once a minute.
/// </summary>
public static class SessionValidator
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var sessionId = principal?.FindFirst(IdPSession.SessionIdClaim)?.Value;
        var subject = principal?.FindFirst(IdPSession.SubjectClaim)?.Value;
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(subject))
        {
            // A cookie from before server-side sessions (or a forged one): not revocable, so not accepted.
            await RejectAsync(context);
            return;
        }

        var http = context.HttpContext;
        var store = http.RequestServices.GetRequiredService<UserSessionStore>();
        var session = await store.FindAsync(sessionId, http.RequestAborted);
        if (session is null || session.RevokedAt is not null || !string.Equals(session.UserId, subject, StringComparison.Ordinal))
        {
            await RejectAsync(context);
            return;
        }

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (now - session.LastSeenAt >= UserSessionStore.LastSeenResolution)
        {
            await store.TouchAsync(sessionId, http.RequestAborted);
        }
    }

    /// <summary>
    /// The request goes on anonymous. The cookie is NOT deleted here: a request still in flight with the old cookie
    /// (e.g. the code page's status poll racing a step-up sign-in) would otherwise delete the new session cookie the
    /// browser has just received. A revoked cookie is useless anyway and is replaced at the next sign-in.
    /// </summary>
    private static Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        return Task.CompletedTask;
    }
}
