using IdP.Data;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.Admin;

/// <summary>
/// The first phone of an administrator binds the factor that guards the console, so the person may not bind it
/// themselves (a stolen admin password must not be enough to add the thief's phone): another administrator adds it in
/// the console, or an operator on the server's command line. Later numbers follow the normal rules (a fresh sign-in
/// with the existing phone).
/// </summary>
public sealed class FirstAdminPhoneRule(IdPDbContext db)
{
    private static readonly string NormalizedAdminRole = AdminConsole.Role.ToUpperInvariant();

    public const string SelfServiceRefusal =
        "Your account has the admin role, so its first phone number cannot be added by you: another administrator adds it " +
        "(admin console, People, Add phone number), or an operator on the server's command line " +
        "(users phone add --username NAME --phone +NUMBER). Ask another administrator.";

    public const string OwnAccountRefusal =
        "You have the admin role and no verified phone yet: your first number must be added by another administrator, " +
        "or on the server's command line (users phone add).";

    /// <summary>Whether <paramref name="userId"/> has the admin role and no verified phone number.</summary>
    public async Task<bool> AppliesAsync(string userId, CancellationToken ct)
    {
        var isAdmin = await (from link in db.UserRoles
                             join role in db.Roles on link.RoleId equals role.Id
                             where link.UserId == userId && role.NormalizedName == NormalizedAdminRole
                             select link).AnyAsync(ct);
        return isAdmin && !await db.UserPhones.AnyAsync(p => p.UserId == userId && p.VerifiedAt != null, ct);
    }
}
