using IdP.Authentication.Audit;
using IdP.Authentication.Otp;
using IdP.Authentication.Phones;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Portal;
using IdP.Server.Session;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace IdP.Server.Admin;

/// <summary>
/// Gluu's "Manage People" for the console and the API: search, view, add a verified phone or remove phone numbers
/// (the person re-enrolls; either is announced to the person), lock/unlock, reset failure counters, force sign-out, roles. Every change is audited with
/// the admin as actor.
/// </summary>
public sealed class PeopleAdministration(
    IdPDbContext db,
    UserManager<IdPUser> users,
    RoleManager<IdentityRole> roles,
    UserPhoneStore phones,
    OtpService otp,
    UserSessionStore sessions,
    IOpenIddictTokenManager tokens,
    IOpenIddictAuthorizationManager authorizations,
    AuditLog audit,
    AccountNotifier notifier,
    FirstAdminPhoneRule adminRule,
    TimeProvider time)
{
    /// <summary>By username or email (contains, case-insensitive) or by phone (normalised to E.164, exact).</summary>
    public async Task<IReadOnlyList<PersonSummary>> SearchAsync(string? query, CancellationToken ct)
    {
        var q = (query ?? "").Trim();
        var people = db.Users.AsNoTracking();
        if (q.Length > 0)
        {
            var upper = q.ToUpperInvariant();
            var phoneOwners = PhoneNumberRules.TryNormalize(q, out var e164, out _)
                ? db.UserPhones.Where(p => p.Number == e164).Select(p => p.UserId)
                : db.UserPhones.Where(_ => false).Select(p => p.UserId);
            people = people.Where(u =>
                (u.NormalizedUserName != null && u.NormalizedUserName.Contains(upper)) ||
                (u.NormalizedEmail != null && u.NormalizedEmail.Contains(upper)) ||
                phoneOwners.Contains(u.Id));
        }

        var now = time.GetUtcNow();
        return await people.OrderBy(u => u.UserName).Take(50)
            .Select(u => new PersonSummary(
                u.Id, u.UserName, u.Email, u.DisplayName, u.LockoutEnd != null && u.LockoutEnd > now,
                db.UserPhones.Count(p => p.UserId == u.Id),
                db.UserPhones.Count(p => p.UserId == u.Id && p.VerifiedAt != null)))
            .ToListAsync(ct);
    }

    public async Task<PersonDetails?> GetAsync(string userId, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        var numbers = (await phones.ListAsync(userId, ct))
            .Select(p => new PersonPhone(p.Id, PhoneNumberRules.Mask(p.Number), p.Nickname, p.VerifiedAt, p.CreatedAt, p.LastUsedAt))
            .ToList();
        var otpState = await db.OtpAccountStates.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(20).ToListAsync(ct);
        var sms = await db.SmsMessages.AsNoTracking().Where(m => m.UserId == userId)
            .OrderByDescending(m => m.CreatedAt).Take(20).ToListAsync(ct);
        return new PersonDetails(
            user, numbers, (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList(), await users.IsLockedOutAsync(user),
            otpState?.ConsecutiveFailures ?? 0, otpState?.BlockedUntil,
            await sessions.ListAsync(userId, includeRevoked: false, ct), events, sms);
    }

    /// <summary>Removes every phone number of the person; they enroll again. Returns how many were removed.</summary>
    public async Task<int> RemovePhonesAsync(AdminActor actor, string userId, CancellationToken ct)
    {
        var user = await RequireAsync(userId);
        var masked = (await phones.ListAsync(userId, ct)).Select(p => PhoneNumberRules.Mask(p.Number)).ToList();
        var before = await phones.VerifiedNumbersAsync(userId, ct);
        var removed = await phones.RemoveAllAsync(user.Id, ct);
        await AuditAsync(AuditEventTypes.PhoneRemoved, actor, userId,
            removed == 0 ? "no phone numbers to remove" : $"removed {removed} phone number(s): {string.Join(", ", masked)}", ct);
        await notifier.PhonesChangedAsync(userId, before, [], NoticeOrigin.Admin(actor));
        return removed;
    }

    /// <summary>
    /// Adds <paramref name="number"/> as a verified number, attested by the administrator (the person's "new phone" at
    /// the helpdesk); with <paramref name="replace"/> the person's other numbers go (a change). The person is told by
    /// e-mail and on the numbers they had. An administrator's first phone may not be added by that administrator.
    /// </summary>
    public async Task<string> AddPhoneAsync(AdminActor actor, string userId, string? number, bool replace, CancellationToken ct)
    {
        await RequireAsync(userId);
        if (!PhoneNumberRules.TryNormalize(number, out var e164, out var error))
        {
            throw new ArgumentException(error);
        }

        if (PhoneNumberRules.WhyNotTextable(e164) is { } why)
        {
            throw new ArgumentException(why);
        }

        if (actor.UserId == userId && await adminRule.AppliesAsync(userId, ct))
        {
            throw new ArgumentException(FirstAdminPhoneRule.OwnAccountRefusal);
        }

        if (await phones.IsVerifiedElsewhereAsync(userId, e164, ct))
        {
            throw new ArgumentException($"{PhoneNumberRules.Mask(e164)} is already a verified number of another account.");
        }

        var before = await phones.VerifiedNumbersAsync(userId, ct);
        if (!replace && before.Contains(e164))
        {
            throw new ArgumentException($"{PhoneNumberRules.Mask(e164)} is already a verified number of this person.");
        }

        var others = replace ? (await phones.ListAsync(userId, ct)).Where(p => p.Number != e164).ToList() : [];
        foreach (var other in others)
        {
            await phones.RemoveAsync(userId, other.Id, ct);
        }

        await phones.AddVerifiedAsync(userId, e164, null, ct);
        var masked = PhoneNumberRules.Mask(e164);
        await AuditAsync(AuditEventTypes.PhoneAdded, actor, userId,
            $"added {masked} as verified" + (others.Count == 0 ? "" : $", replacing {string.Join(", ", others.Select(p => PhoneNumberRules.Mask(p.Number)))}"), ct);
        await notifier.PhonesChangedAsync(userId, before, await phones.VerifiedNumbersAsync(userId, ct), NoticeOrigin.Admin(actor));
        return masked;
    }

    /// <summary>Locks the account until unlocked and ends its sessions.</summary>
    public async Task LockAsync(AdminActor actor, string userId, CancellationToken ct)
    {
        var user = await RequireAsync(userId);
        if (actor.UserId == userId)
        {
            throw new ArgumentException("You cannot lock your own account.");
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        var ended = await sessions.RevokeAllAsync(userId, ct);
        await AuditAsync(AuditEventTypes.AdminChange, actor, userId, $"locked the account (ended {ended} session(s))", ct);
    }

    public async Task UnlockAsync(AdminActor actor, string userId, CancellationToken ct)
    {
        var user = await RequireAsync(userId);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(AuditEventTypes.AdminChange, actor, userId, "unlocked the account", ct);
    }

    /// <summary>Clears the password failure count and the one-time-code failure counter (and its wait).</summary>
    public async Task ResetFailuresAsync(AdminActor actor, string userId, CancellationToken ct)
    {
        var user = await RequireAsync(userId);
        await users.ResetAccessFailedCountAsync(user);
        await otp.ResetAccountAsync(userId, ct);
        await AuditAsync(AuditEventTypes.AdminChange, actor, userId, "reset the failure counters (password and one-time code)", ct);
    }

    /// <summary>
    /// Ends every IdP session of the person and revokes their OpenIddict authorizations and tokens (refresh
    /// tokens stop working at once; JWT access tokens expire on their own). Returns (sessions, tokens).
    /// </summary>
    public async Task<(int Sessions, long Tokens)> ForceSignOutAsync(AdminActor actor, string userId, CancellationToken ct)
    {
        await RequireAsync(userId);
        var ended = await sessions.RevokeAllAsync(userId, ct);
        var revokedAuthorizations = await authorizations.RevokeBySubjectAsync(userId, ct);
        var revokedTokens = await tokens.RevokeBySubjectAsync(userId, ct);
        await AuditAsync(AuditEventTypes.SessionRevoked, actor, userId,
            $"forced sign-out: ended {ended} session(s), revoked {revokedAuthorizations} authorization(s) and {revokedTokens} token(s)", ct);
        return (ended, revokedTokens);
    }

    public async Task AddRoleAsync(AdminActor actor, string userId, string role, CancellationToken ct)
    {
        var user = await RequireAsync(userId);
        role = (role ?? "").Trim();
        if (role.Length is 0 or > 64 || role.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("A role name is 1 to 64 characters without spaces.");
        }

        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            await users.AddToRoleAsync(user, role);
            await AuditAsync(AuditEventTypes.AdminChange, actor, userId, $"added role '{role}'", ct);
        }
    }

    public async Task RemoveRoleAsync(AdminActor actor, string userId, string role, CancellationToken ct)
    {
        var user = await RequireAsync(userId);
        if (role == AdminConsole.Role && actor.UserId == userId)
        {
            throw new ArgumentException("You cannot remove your own admin role; ask another administrator.");
        }

        if (await users.IsInRoleAsync(user, role))
        {
            await users.RemoveFromRoleAsync(user, role);
            await AuditAsync(AuditEventTypes.AdminChange, actor, userId, $"removed role '{role}'", ct);
        }
    }

    private async Task<IdPUser> RequireAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new KeyNotFoundException($"No person with id '{userId}'.");

    private Task AuditAsync(string type, AdminActor actor, string userId, string detail, CancellationToken ct) =>
        audit.WriteAsync(new AuditEntry(type)
        {
            UserId = userId,
            ActorId = actor.Id,
            ClientId = actor.ClientId,
            RemoteAddress = actor.RemoteAddress,
            Detail = "by admin " + actor.Id + ": " + detail,
        }, ct);
}
