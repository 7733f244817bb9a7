using System.Globalization;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IdP.Authentication.Sms;

/// <summary>
/// Decides whether a code may be sent now, from the delivery records in the database (so every node applies
/// the same limits): one send per flow (or per cooldown), per number, per account, per client address, growing
/// back-off per number, and a global hourly budget that trips a circuit breaker (stored as a server setting)
/// and logs an operator alert. <see cref="ReserveAsync"/> counts and inserts the send's record in one
/// transaction under a lock every node shares, so a burst of parallel requests sends exactly what the limits allow.
/// </summary>
public sealed partial class SmsSendLimiter(IdPDbContext db, SmsOptions options, TimeProvider time, ILogger<SmsSendLimiter> logger)
{
    // Notices count too (they cost the same and could be pumped); only the breaker refuses them (AccountNotifier).
    private static readonly string[] Counted = [SmsPurposes.SignIn, SmsPurposes.Enrollment, SmsPurposes.Notice];

    /// <summary>
    /// Every send that reached the SMSC, may have, or is on its way (a reservation); one that never left (SMSC down,
    /// refused) does not punish the user.
    /// </summary>
    private IQueryable<SmsMessage> Sends => db.SmsMessages.AsNoTracking()
        .Where(m => Counted.Contains(m.Purpose) && m.State != SmsStates.Refused && !(m.State == SmsStates.Failed && m.SubmittedAt == null));

    /// <summary>
    /// Reserves a send: under a lock held across nodes, checks <paramref name="claim"/> and the limits and, when
    /// allowed, inserts <paramref name="record"/> (state queued) in the same transaction, before anything goes to
    /// the SMSC. The next reservation counts it, so parallel requests never pass a limit together.
    /// </summary>
    public async Task<SmsLimitDecision> ReserveAsync(SmsMessage record, SmsSendClaim? claim, CancellationToken ct)
    {
        await using var transaction = await db.BeginLockedAsync("sms-send", ct);
        var decision = (claim is null ? null : await DuplicateAsync(record, claim, ct))
            ?? await CheckAsync(record.DestinationHash, record.UserId, record.RemoteAddress, ct);
        if (decision.Allowed)
        {
            record.CreatedAt = time.GetUtcNow();
            record.State = SmsStates.Queued;
            db.SmsMessages.Add(record);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return decision;
    }

    /// <summary>Checks the limits for a send to the number with <paramref name="destinationHash"/> (no reservation: see <see cref="ReserveAsync"/>).</summary>
    public async Task<SmsLimitDecision> CheckAsync(string destinationHash, string? userId, string? remoteAddress, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var breaker = await GetBreakerAsync(ct);
        if (breaker.IsOpen)
        {
            return SmsLimitDecision.Refuse(SmsLimitKind.CircuitBreaker, breaker.Until,
                "Text messages are paused for this service right now. Try again later or contact your administrator.");
        }

        var hourAgo = now - TimeSpan.FromHours(1);
        var sends = Sends;

        var lastHourTotal = await sends.CountAsync(m => m.CreatedAt > hourAgo, ct);
        if (lastHourTotal >= options.HourlyBudget)
        {
            var until = await TripAsync($"hourly budget of {options.HourlyBudget} SMS reached", ct);
            return SmsLimitDecision.Refuse(SmsLimitKind.CircuitBreaker, until,
                "Text messages are paused for this service right now. Try again later or contact your administrator.");
        }

        var numberSince = now - (options.NumberWindow > TimeSpan.FromHours(1) ? options.NumberWindow : TimeSpan.FromHours(1));
        var toNumber = await sends.Where(m => m.DestinationHash == destinationHash && m.CreatedAt > numberSince)
            .OrderBy(m => m.CreatedAt).Select(m => m.CreatedAt).ToListAsync(ct);
        var inWindow = toNumber.Where(t => t > now - options.NumberWindow).ToList();
        if (inWindow.Count >= options.PerNumberLimit)
        {
            return SmsLimitDecision.Refuse(SmsLimitKind.Number, inWindow[inWindow.Count - options.PerNumberLimit] + options.NumberWindow,
                "Too many codes were sent to this number. Wait a few minutes before asking for another one.");
        }

        // Growing back-off: past the limit within the hour, each extra send waits twice as long as the last.
        var extra = toNumber.Count - options.PerNumberLimit + 1;
        if (extra > 0 && toNumber.Count > 0)
        {
            var wait = TimeSpan.FromTicks(Math.Min(options.BackoffBase.Ticks * (1L << Math.Min(extra - 1, 20)), TimeSpan.FromHours(1).Ticks));
            var allowedAt = toNumber[^1] + wait;
            if (allowedAt > now)
            {
                return SmsLimitDecision.Refuse(SmsLimitKind.Backoff, allowedAt,
                    "Too many codes were sent to this number recently. Wait before asking for another one.");
            }
        }

        if (userId is not null)
        {
            var accountSince = now - options.AccountWindow;
            var forAccount = await sends.Where(m => m.UserId == userId && m.CreatedAt > accountSince)
                .OrderBy(m => m.CreatedAt).Select(m => m.CreatedAt).ToListAsync(ct);
            if (forAccount.Count >= options.PerAccountLimit)
            {
                return SmsLimitDecision.Refuse(SmsLimitKind.Account, forAccount[forAccount.Count - options.PerAccountLimit] + options.AccountWindow,
                    "Too many codes were sent for this account. Wait a few minutes before asking for another one.");
            }
        }

        if (!string.IsNullOrEmpty(remoteAddress))
        {
            var addressSince = now - options.AddressWindow;
            var fromAddress = await sends.Where(m => m.RemoteAddress == remoteAddress && m.CreatedAt > addressSince)
                .OrderBy(m => m.CreatedAt).Select(m => m.CreatedAt).ToListAsync(ct);
            if (fromAddress.Count >= options.PerAddressLimit)
            {
                return SmsLimitDecision.Refuse(SmsLimitKind.Address, fromAddress[fromAddress.Count - options.PerAddressLimit] + options.AddressWindow,
                    "Too many codes were requested from your network. Wait a few minutes before asking for another one.");
            }
        }

        return SmsLimitDecision.Allow;
    }

    /// <summary>The last send that makes this one a duplicate under <paramref name="claim"/>, as a refusal; null if none.</summary>
    private async Task<SmsLimitDecision?> DuplicateAsync(SmsMessage record, SmsSendClaim claim, CancellationToken ct)
    {
        var earlier = claim.PerUser
            ? Sends.Where(m => m.UserId == record.UserId && m.Purpose == record.Purpose)
            : Sends.Where(m => m.FlowId == record.FlowId);
        if (claim.Cooldown is { } cooldown)
        {
            var since = time.GetUtcNow() - cooldown;
            earlier = earlier.Where(m => m.CreatedAt > since);
        }

        var last = await earlier.OrderByDescending(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(ct);
        if (last is not { } at)
        {
            return null;
        }

        var retryAt = at + claim.Cooldown;
        return SmsLimitDecision.Refuse(SmsLimitKind.Duplicate, retryAt, retryAt is { } when
            ? $"A code was sent a moment ago. You can ask for a new one at {when.ToUniversalTime():HH:mm:ss} UTC."
            : "A code was already sent.");
    }

    /// <summary>The breaker's state (server setting <see cref="ServerSetting.SmsCircuitBreaker"/>).</summary>
    public async Task<SmsBreakerState> GetBreakerAsync(CancellationToken ct)
    {
        var value = await db.ServerSettings.AsNoTracking().Where(s => s.Key == ServerSetting.SmsCircuitBreaker).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return SmsBreakerState.Parse(value, time.GetUtcNow());
    }

    /// <summary>Opens the breaker for <see cref="SmsOptions.BreakerOpenFor"/> and alerts the operator.</summary>
    public async Task<DateTimeOffset> TripAsync(string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now + options.BreakerOpenFor;
        await SetBreakerAsync($"{until.ToString("O", CultureInfo.InvariantCulture)} {reason}", ct);
        LogBreakerTripped(logger, reason, until);
        return until;
    }

    /// <summary>Closes the breaker (administrator action).</summary>
    public Task ResetBreakerAsync(CancellationToken ct) => SetBreakerAsync("", ct);

    private async Task SetBreakerAsync(string value, CancellationToken ct)
    {
        var row = await db.ServerSettings.FirstOrDefaultAsync(s => s.Key == ServerSetting.SmsCircuitBreaker, ct);
        if (row is null)
        {
            db.ServerSettings.Add(row = new ServerSetting { Key = ServerSetting.SmsCircuitBreaker });
        }

        row.Value = value;
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Critical, Message = "OPERATOR ALERT: SMS circuit breaker tripped ({Reason}); every SMS is refused until {Until:O} or until an admin resets it (admin console, SMS delivery). Check for SMS pumping: many sign-ins to unusual destinations.")]
    private static partial void LogBreakerTripped(ILogger logger, string reason, DateTimeOffset until);
}

public enum SmsLimitKind
{
    None,

    /// <summary>Not a limit: a send for the same flow (or enrollment) was just made; see <see cref="SmsSendClaim"/>.</summary>
    Duplicate,
    Number,
    Backoff,
    Account,
    Address,
    CircuitBreaker,
}

/// <summary>Allowed, or refused until <see cref="RetryAt"/> with a message for the user.</summary>
public sealed record SmsLimitDecision(bool Allowed, SmsLimitKind Kind, DateTimeOffset? RetryAt, string? Message)
{
    public static readonly SmsLimitDecision Allow = new(true, SmsLimitKind.None, null, null);

    public static SmsLimitDecision Refuse(SmsLimitKind kind, DateTimeOffset? retryAt, string message) => new(false, kind, retryAt, message);
}

/// <summary>The circuit breaker as stored: closed, or open until a time for a reason.</summary>
public sealed record SmsBreakerState(bool IsOpen, DateTimeOffset? Until, string? Reason)
{
    public static SmsBreakerState Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new SmsBreakerState(false, null, null);
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var stamp = space < 0 ? value : value[..space];
        var reason = space < 0 ? null : value[(space + 1)..];
        return DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until)
            ? new SmsBreakerState(until > now, until, reason)
            : new SmsBreakerState(true, null, reason ?? value);
    }
}
