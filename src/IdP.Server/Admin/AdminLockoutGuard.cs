using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using IdP.Data;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.Admin;

/// <summary>
/// Tells whether making an acr the admin acr would lock administrators out of the console: the acting
/// admin (and, for the API, every admin) must be able to sign in with it. For <c>smpp</c> that means a
/// verified phone (a <c>UserPhones</c> row with <c>VerifiedAt</c>); any script also answers through
/// <see cref="IAuthenticationScript.IsValidForUserAsync"/>.
/// </summary>
public sealed class AdminLockoutGuard(IdPDbContext db, ScriptRegistry registry, AcrSettingsStore store, IServiceProvider services)
{
    /// <summary>The warnings for making <paramref name="acr"/> the admin acr; empty when nobody is locked out.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(string acr, string? actingUserId, CancellationToken ct)
    {
        var script = registry.Find(acr)?.Script;
        if (script is null)
        {
            return [];
        }

        var warnings = new List<string>();
        if (actingUserId is not null && !await CanUseAsync(script, actingUserId, ct))
        {
            var name = await db.Users.Where(u => u.Id == actingUserId).Select(u => u.UserName).FirstOrDefaultAsync(ct);
            warnings.Add(script.Acr == SmppScript.AcrValue
                ? $"You ({name}) have no verified phone: with the admin acr '{acr}' you could not sign in to this console again."
                : $"The method '{acr}' cannot run for your account ({name}): you could not sign in to this console again.");
        }

        var admins = await db.UserRoles
            .Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == AdminConsole.Role))
            .Select(ur => ur.UserId)
            .Take(200)
            .ToListAsync(ct);
        var usable = 0;
        foreach (var admin in admins)
        {
            if (await CanUseAsync(script, admin, ct))
            {
                usable++;
            }
        }

        if (usable == 0)
        {
            warnings.Add($"No administrator can sign in with '{acr}'" +
                (script.Acr == SmppScript.AcrValue ? " (none has a verified phone)" : "") + ": nobody could use the console.");
        }

        return warnings;
    }

    private async Task<bool> CanUseAsync(IAuthenticationScript script, string userId, CancellationToken ct)
    {
        if (script.Acr == SmppScript.AcrValue && !await db.UserPhones.AnyAsync(p => p.UserId == userId && p.VerifiedAt != null, ct))
        {
            return false;
        }

        try
        {
            var context = new ScriptContext
            {
                FlowId = "",
                Acr = script.Acr,
                Configuration = await store.GetConfigurationAsync(script, ct),
                Services = services,
                UserId = userId,
            };
            return await script.IsValidForUserAsync(context, ct);
        }
        catch (ScriptConfigurationException)
        {
            return false;
        }
    }
}
