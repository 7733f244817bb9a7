using IdP.Authentication.Engine;
using IdP.Data;
using IdP.Server.Session;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using System.Security.Claims;

namespace IdP.Server.Admin;

/// <summary>
/// Decides whether the IdP session of a request may use the admin console: an account in the
/// <c>admin</c> role, not locked out, signed in at the admin acr's level or above, and, for changes,
/// recently (<see cref="AdminConsoleOptions.SensitiveMaxAge"/>). One database read for the account.
/// </summary>
public sealed class AdminAccess(IdPDbContext db, AcrSettingsStore acrSettings, ScriptRegistry registry, IOptions<AdminConsoleOptions> options, TimeProvider time)
{
    public async Task<AdminAccessResult> EvaluateAsync(ClaimsPrincipal principal, bool sensitive, CancellationToken ct)
    {
        var session = principal.Identity?.AuthenticationType == IdPSession.Scheme ? SessionInfo.From(principal) : null;
        if (session is null)
        {
            return new(AdminAccessKind.SignInRequired, null, "no session");
        }

        var now = time.GetUtcNow();
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == session.Subject)
            .Select(u => new
            {
                u.LockoutEnd,
                IsAdmin = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == AdminConsole.Role)),
            })
            .FirstOrDefaultAsync(ct);
        if (account is null || !account.IsAdmin || account.LockoutEnd > now)
        {
            return new(AdminAccessKind.Forbidden, session, "not an administrator");
        }

        var snapshot = await acrSettings.GetSnapshotAsync(ct);
        var required = registry.Find(snapshot.AdminAcr)?.Script.Level ?? int.MaxValue;
        var freshUntil = session.AuthTime + options.Value.SensitiveMaxAge;
        var result = new AdminAccessResult(AdminAccessKind.Allowed, session, "admin")
        {
            AdminAcr = snapshot.AdminAcr,
            IsFresh = now <= freshUntil,
            FreshUntil = freshUntil,
        };

        if (session.Level < required)
        {
            return result with { Kind = AdminAccessKind.StepUpRequired, Reason = $"session level {session.Level} is below the admin acr '{snapshot.AdminAcr}' (level {required})" };
        }

        // OIDC Core 3.1.2.1 semantics, applied by the console to itself: a change needs an active
        // authentication no older than max_age.
        return sensitive && !result.IsFresh
            ? result with { Kind = AdminAccessKind.StepUpRequired, Reason = "last sign-in older than the console's max_age" }
            : result;
    }
}
