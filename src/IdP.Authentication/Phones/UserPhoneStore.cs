using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IdP.Authentication.Phones;

/// <summary>
/// The phone numbers of users in IdP's own store (Identity + <see cref="UserPhone"/> rows). Reads Gluu's
/// attributes: <c>mobile</c> (every number, each with its own verification) and <c>telephoneNumber</c>
/// (Identity's single <c>PhoneNumber</c> column). Writes keep Identity's <c>PhoneNumber</c> /
/// <c>PhoneNumberConfirmed</c> pointing at the most recently verified number, so the OIDC
/// <c>phone_number</c> claim follows the user's current phone.
/// </summary>
public sealed class UserPhoneStore(IdPDbContext db, TimeProvider time) : IUserPhoneReader
{
    public const string MobileAttribute = "mobile";
    public const string TelephoneNumberAttribute = "telephoneNumber";
    public const string VerifiedFlagAttribute = "phoneNumberVerified";

    public IReadOnlyList<string> SupportedAttributes { get; } = [MobileAttribute, TelephoneNumberAttribute];

    public async Task<IReadOnlyList<UserPhoneNumber>> GetNumbersAsync(string userId, string attribute, CancellationToken ct)
    {
        if (string.Equals(attribute, TelephoneNumberAttribute, StringComparison.OrdinalIgnoreCase))
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.PhoneNumber, u.PhoneNumberConfirmed }).FirstOrDefaultAsync(ct);
            return user?.PhoneNumber is { Length: > 0 } number && PhoneNumberRules.TryNormalize(number, out var e164, out _)
                ? [new UserPhoneNumber("tel", e164, user.PhoneNumberConfirmed, null, null)]
                : [];
        }

        var rows = await db.UserPhones.AsNoTracking().Where(p => p.UserId == userId).OrderBy(p => p.Id).ToListAsync(ct);
        var result = new List<UserPhoneNumber>(rows.Count);
        foreach (var row in rows)
        {
            if (PhoneNumberRules.TryNormalize(row.Number, out var e164, out _))
            {
                result.Add(new UserPhoneNumber(row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e164, row.VerifiedAt is not null, row.Nickname, row.VerifiedAt));
            }
        }

        return result;
    }

    /// <summary>The user's numbers (rows), oldest first.</summary>
    public Task<List<UserPhone>> ListAsync(string userId, CancellationToken ct) =>
        db.UserPhones.Where(p => p.UserId == userId).OrderBy(p => p.Id).ToListAsync(ct);

    /// <summary>The user's verified numbers (E.164), oldest first.</summary>
    public Task<List<string>> VerifiedNumbersAsync(string userId, CancellationToken ct) =>
        db.UserPhones.AsNoTracking().Where(p => p.UserId == userId && p.VerifiedAt != null).OrderBy(p => p.Id).Select(p => p.Number).ToListAsync(ct);

    /// <summary>Whether another account holds <paramref name="e164"/> as a verified number.</summary>
    public Task<bool> IsVerifiedElsewhereAsync(string userId, string e164, CancellationToken ct) =>
        db.UserPhones.AnyAsync(p => p.Number == e164 && p.UserId != userId && p.VerifiedAt != null, ct);

    /// <summary>Adds <paramref name="e164"/> to the user's numbers as verified now (or refreshes it); makes it the primary number.</summary>
    public async Task<UserPhone> AddVerifiedAsync(string userId, string e164, string? nickname, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var row = await db.UserPhones.FirstOrDefaultAsync(p => p.UserId == userId && p.Number == e164, ct);
        if (row is null)
        {
            db.UserPhones.Add(row = new UserPhone { UserId = userId, Number = e164, CreatedAt = now });
        }

        row.VerifiedAt = now;
        if (!string.IsNullOrWhiteSpace(nickname))
        {
            row.Nickname = nickname.Trim()[..Math.Min(64, nickname.Trim().Length)];
        }

        await db.SaveChangesAsync(ct);
        await SyncPrimaryAsync(userId, ct);
        return row;
    }

    /// <summary>Removes one number; returns false when the user has no such number.</summary>
    public async Task<bool> RemoveAsync(string userId, long phoneId, CancellationToken ct)
    {
        var row = await db.UserPhones.FirstOrDefaultAsync(p => p.UserId == userId && p.Id == phoneId, ct);
        if (row is null)
        {
            return false;
        }

        db.UserPhones.Remove(row);
        await db.SaveChangesAsync(ct);
        await SyncPrimaryAsync(userId, ct);
        return true;
    }

    /// <summary>Removes every number of the user (Gluu "Manage People" credential removal); returns how many.</summary>
    public async Task<int> RemoveAllAsync(string userId, CancellationToken ct)
    {
        var rows = await db.UserPhones.Where(p => p.UserId == userId).ToListAsync(ct);
        db.UserPhones.RemoveRange(rows);
        await db.SaveChangesAsync(ct);
        await SyncPrimaryAsync(userId, ct);
        return rows.Count;
    }

    public async Task<bool> RenameAsync(string userId, long phoneId, string? nickname, CancellationToken ct)
    {
        var row = await db.UserPhones.FirstOrDefaultAsync(p => p.UserId == userId && p.Id == phoneId, ct);
        if (row is null)
        {
            return false;
        }

        var trimmed = nickname?.Trim();
        row.Nickname = string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(64, trimmed.Length)];
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Records that a sign-in code went to the number.</summary>
    public Task MarkUsedAsync(string userId, string e164, CancellationToken ct) =>
        db.UserPhones.Where(p => p.UserId == userId && p.Number == e164)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastUsedAt, time.GetUtcNow()), ct);

    private async Task SyncPrimaryAsync(string userId, CancellationToken ct)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return;
        }

        var verified = await db.UserPhones.Where(p => p.UserId == userId && p.VerifiedAt != null).ToListAsync(ct);
        var primary = verified.OrderByDescending(p => p.VerifiedAt).ThenByDescending(p => p.Id).FirstOrDefault();
        user.PhoneNumber = primary?.Number;
        user.PhoneNumberConfirmed = primary is not null;
        await db.SaveChangesAsync(ct);
    }
}
