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
/// does not reset and a success does, with growing waits and a lock at the limit that ends after a window; all
/// counted atomically under a per-account lock shared by the nodes; constant-time
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

    /// <summary>
    /// Checks <paramref name="input"/> against the flow's newest code. The whole check runs under a per-account
    /// lock held across nodes (<see cref="DatabaseLocks.BeginLockedAsync"/>): the account's wait or lock, the
    /// code's remaining attempts, the comparison and the counting are one step, so N parallel guesses count N
    /// failures and at most <c>max_attempts</c> of them are ever compared with the code.
    /// </summary>
    /// <remarks>
    /// What counts as a failure: a wrong code, and any code entered against a code that already ran out of
    /// attempts (refused without a comparison, but still a guess). Not counted: attempts refused because the
    /// account is waiting or locked, and attempts when the flow has no code, or only a used, replaced or expired one.
    /// </remarks>
    public async Task<OtpCheckResult> VerifyAsync(string flowId, string userId, string input, CancellationToken ct)
    {
        var key = await keys.GetKeyAsync(db, ct);
        var actual = Convert.FromBase64String(Hash(key, flowId, userId, Normalize(input)));

        await using var transaction = await db.BeginLockedAsync("otp-account:" + userId, ct);
        var now = time.GetUtcNow();
        var account = await db.OtpAccountStates.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        var result = Blocked(account, now);
        if (result is null)
        {
            var code = await db.OtpCodes.Where(c => c.FlowId == flowId && c.UserId == userId).OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
            if (code is null || code.ConsumedAt is not null || (code.RevokedAt is not null && code.FailedAttempts < code.MaxAttempts))
            {
                result = new OtpCheckResult(OtpVerification.NoCode);
            }
            else if (code.FailedAttempts >= code.MaxAttempts)
            {
                result = CountFailure(ref account, userId, now, new OtpCheckResult(OtpVerification.NoCode));
            }
            else if (code.ExpiresAt <= now)
            {
                code.RevokedAt = now;
                result = new OtpCheckResult(OtpVerification.Expired);
            }
            else if (CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(code.CodeHash), actual))
            {
                result = await ConsumeAsync(code, account, now, ct);
            }
            else
            {
                code.FailedAttempts++;
                var remaining = Math.Max(code.MaxAttempts - code.FailedAttempts, 0);
                if (remaining == 0)
                {
                    code.RevokedAt = now;
                }

                result = CountFailure(ref account, userId, now, new OtpCheckResult(remaining == 0 ? OtpVerification.WrongAndDead : OtpVerification.Wrong, remaining));
            }

            result = result with { Reference = code?.Reference };
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>The reference and expiry of the flow's newest code, live or not (the code page shows them), if it has one.</summary>
    public async Task<(string Reference, DateTimeOffset ExpiresAt)?> LatestCodeAsync(string flowId, CancellationToken ct)
    {
        var latest = await db.OtpCodes.AsNoTracking().Where(c => c.FlowId == flowId)
            .OrderByDescending(c => c.Id).Select(c => new { c.Reference, c.ExpiresAt }).FirstOrDefaultAsync(ct);
        return latest is null ? null : (latest.Reference, latest.ExpiresAt);
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

    /// <summary>
    /// The account's wait or lock, or null when it may try. At the failure limit the SMS factor is locked for
    /// <see cref="OtpAccountOptions.LockoutDuration"/>; once that is over, the count starts again from zero.
    /// </summary>
    private OtpCheckResult? Blocked(OtpAccountState? account, DateTimeOffset now)
    {
        if (account is null)
        {
            return null;
        }

        if (account.ConsecutiveFailures >= options.FailureLimit)
        {
            // A row that reached the limit before locks had an end gets one now, counted from its last failure.
            account.BlockedUntil ??= (account.LastFailureAt ?? now) + options.LockoutDuration;
            if (account.BlockedUntil > now)
            {
                return new OtpCheckResult(OtpVerification.AccountBlocked, RetryAfter: account.BlockedUntil) { Locked = true };
            }

            account.ConsecutiveFailures = 0;
            account.BlockedUntil = null;
            return null;
        }

        return account.BlockedUntil is { } until && until > now ? new OtpCheckResult(OtpVerification.AccountBlocked, RetryAfter: until) : null;
    }

    /// <summary>Counts one failure: the growing wait, or at the limit the lock (reported once, as <see cref="OtpCheckResult.LockedNow"/>).</summary>
    private OtpCheckResult CountFailure(ref OtpAccountState? account, string userId, DateTimeOffset now, OtpCheckResult result)
    {
        if (account is null)
        {
            db.OtpAccountStates.Add(account = new OtpAccountState { UserId = userId });
        }

        account.ConsecutiveFailures++;
        account.LastFailureAt = now;
        if (account.ConsecutiveFailures >= options.FailureLimit)
        {
            account.BlockedUntil = now + options.LockoutDuration;
            return result with { RetryAfter = account.BlockedUntil, Locked = true, LockedNow = true };
        }

        var delay = options.DelayAfter(account.ConsecutiveFailures);
        account.BlockedUntil = delay > TimeSpan.Zero ? now + delay : null;
        return result with { RetryAfter = account.BlockedUntil };
    }

    private async Task<OtpCheckResult> ConsumeAsync(OtpCode code, OtpAccountState? account, DateTimeOffset now, CancellationToken ct)
    {
        // Single use, also against a revocation (a resend) committed outside this lock: only one UPDATE wins.
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

        return new OtpCheckResult(OtpVerification.Success);
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
