using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IdP.Authentication.Otp;

/// <summary>
/// Issues and checks one-time codes (NIST SP 800-63B §3.1.3.2, §3.2.2; ASVS 2.7, 6.5, 6.6):
/// digits from a CSPRNG; only an HMAC bound to the flow and the user is stored; single use;
/// expiry; a per-code attempt limit; a per-account consecutive-failure counter that a new code
/// does not reset and a success does, with growing waits and a hard limit; constant-time
/// comparison; input tolerant of spaces, dashes and full-width digits.
/// </summary>
public sealed class OtpService(IdPDbContext db, OtpKeyProvider keys, OtpAccountOptions options, TimeProvider time)
{
    // No 0/O, 1/I/L: a reference is read off a phone screen.
    private const string ReferenceAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>Creates a new code for the flow and user; any earlier live code of the flow is revoked.</summary>
    public async Task<IssuedOtp> IssueAsync(string flowId, string userId, OtpPolicy policy, CancellationToken ct)
    {
        policy = policy.Validated();
        var now = time.GetUtcNow();
        var live = await db.OtpCodes.Where(c => c.FlowId == flowId && c.ConsumedAt == null && c.RevokedAt == null).ToListAsync(ct);
        foreach (var old in live)
        {
            old.RevokedAt = now;
        }

        var code = string.Create(policy.Length, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }
        });
        var reference = string.Create(3, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = ReferenceAlphabet[RandomNumberGenerator.GetInt32(ReferenceAlphabet.Length)];
            }
        });

        var key = await keys.GetKeyAsync(db, ct);
        db.OtpCodes.Add(new OtpCode
        {
            FlowId = flowId,
            UserId = userId,
            CodeHash = Hash(key, flowId, userId, code),
            Reference = reference,
            CreatedAt = now,
            ExpiresAt = now + policy.Lifetime,
            MaxAttempts = policy.MaxAttempts,
        });
        await db.SaveChangesAsync(ct);
        return new IssuedOtp(code, reference, now + policy.Lifetime);
    }

    /// <summary>Checks <paramref name="input"/> against the flow's live code.</summary>
    public async Task<OtpCheckResult> VerifyAsync(string flowId, string userId, string input, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var account = await db.OtpAccountStates.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (account is not null && account.ConsecutiveFailures >= options.FailureLimit)
        {
            return new OtpCheckResult(OtpVerification.AccountBlocked);
        }

        if (account?.BlockedUntil is { } until && until > now)
        {
            return new OtpCheckResult(OtpVerification.AccountBlocked, RetryAfter: until);
        }

        var code = await db.OtpCodes
            .Where(c => c.FlowId == flowId && c.UserId == userId && c.ConsumedAt == null && c.RevokedAt == null)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(ct);
        if (code is null)
        {
            return new OtpCheckResult(OtpVerification.NoCode);
        }

        if (code.ExpiresAt <= now)
        {
            code.RevokedAt = now;
            await db.SaveChangesAsync(ct);
            return new OtpCheckResult(OtpVerification.Expired);
        }

        var key = await keys.GetKeyAsync(db, ct);
        var expected = Convert.FromBase64String(code.CodeHash);
        var actual = Convert.FromBase64String(Hash(key, flowId, userId, Normalize(input)));
        if (CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            // Single use even under concurrent submissions of the same code: only one UPDATE wins.
            var consumed = await db.OtpCodes
                .Where(c => c.Id == code.Id && c.ConsumedAt == null && c.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), ct);
            if (consumed != 1)
            {
                return new OtpCheckResult(OtpVerification.NoCode);
            }

            db.Entry(code).State = EntityState.Detached;
            if (account is not null)
            {
                // NIST §3.2.2: a successful authentication clears the failure count.
                account.ConsecutiveFailures = 0;
                account.BlockedUntil = null;
            }

            await db.SaveChangesAsync(ct);
            return new OtpCheckResult(OtpVerification.Success);
        }

        code.FailedAttempts++;
        if (account is null)
        {
            db.OtpAccountStates.Add(account = new OtpAccountState { UserId = userId });
        }

        account.ConsecutiveFailures++;
        account.LastFailureAt = now;
        var delay = options.DelayAfter(account.ConsecutiveFailures);
        account.BlockedUntil = delay > TimeSpan.Zero ? now + delay : null;
        var remaining = code.MaxAttempts - code.FailedAttempts;
        if (remaining <= 0)
        {
            code.RevokedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return new OtpCheckResult(remaining <= 0 ? OtpVerification.WrongAndDead : OtpVerification.Wrong, Math.Max(remaining, 0), account.BlockedUntil);
    }

    /// <summary>Whether the flow has a code that can still be entered (sent, not used, not replaced, not expired).</summary>
    public Task<bool> HasLiveCodeAsync(string flowId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.OtpCodes.AnyAsync(c => c.FlowId == flowId && c.ConsumedAt == null && c.RevokedAt == null && c.ExpiresAt > now, ct);
    }

    /// <summary>Kills the flow's live code (e.g. the SMS could not be sent, so nobody can know it).</summary>
    public Task RevokeAsync(string flowId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.OtpCodes.Where(c => c.FlowId == flowId && c.ConsumedAt == null && c.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.RevokedAt, now), ct);
    }

    /// <summary>
    /// A keyed hash of a phone number (HMAC-SHA256 under the same per-database key), so records can be counted
    /// per number for send limits without storing the number.
    /// </summary>
    public async Task<string> HashDestinationAsync(string e164, CancellationToken ct)
    {
        var key = await keys.GetKeyAsync(db, ct);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("dest\n" + e164)));
    }

    /// <summary>Clears an account's failure counter (administrator action).</summary>
    public async Task ResetAccountAsync(string userId, CancellationToken ct)
    {
        await db.OtpAccountStates.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Digits only: spaces, dashes and dots dropped, full-width and other Unicode decimal digits mapped to ASCII.</summary>
    public static string Normalize(string input)
    {
        var builder = new StringBuilder(input.Length);
        foreach (var ch in input)
        {
            if (char.IsWhiteSpace(ch) || ch is '-' or '.' or '\u2010' or '\u2011' or '\u2012' or '\u2013')
            {
                continue;
            }

            var digit = CharUnicodeInfo.GetDecimalDigitValue(ch);
            builder.Append(digit >= 0 ? (char)('0' + digit) : ch);
        }

        return builder.ToString();
    }

    private static string Hash(byte[] key, string flowId, string userId, string code) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Join('\n', flowId, userId, code))));
}
