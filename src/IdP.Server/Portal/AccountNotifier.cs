using IdP.Authentication.Audit;
using IdP.Authentication.Otp;
using IdP.Authentication.Phones;
using IdP.Authentication.Sms;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.Mail;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.Portal;

/// <summary>
/// Tells the person when their SMS factor changes, on channels other than the one that changed (ASVS 5 6.3.7, NIST SP
/// 800-63B-4 §4.6): an e-mail to the account's confirmed address and a text to the number(s) the change did not bring
/// in. Text notices are recorded SMS of purpose <c>notice</c>: they count against every SMS limit, but only the
/// circuit breaker refuses them (a per-number or per-account limit that an attacker filled first must not silence
/// the warning). Every notice and every channel that could not carry it is written to the audit log; nothing here
/// throws into the user's action, and a notice is finished even when the browser goes away.
/// </summary>
public sealed partial class AccountNotifier(
    INotificationSender mail,
    OtpService otp,
    SmsSendLimiter limiter,
    SmsDeliveryRecords records,
    AuditLog audit,
    IdPDbContext db,
    UserPhoneStore phones,
    SmsOptions sms,
    OtpAccountOptions otpOptions,
    TimeProvider time,
    ILogger<AccountNotifier> logger)
{
    private static readonly CancellationToken Finish = CancellationToken.None;

    /// <summary>
    /// The account's verified numbers went from <paramref name="before"/> to <paramref name="after"/>: added (the
    /// numbers it had are texted), changed (numbers replaced in one step: the previous ones are texted) or removed
    /// (the removed number is texted); e-mail in every case. No change of verified numbers, no notice.
    /// </summary>
    public async Task PhonesChangedAsync(string userId, IReadOnlyCollection<string> before, IReadOnlyCollection<string> after, NoticeOrigin origin)
    {
        var added = after.Except(before).Distinct().ToList();
        var removed = before.Except(after).Distinct().ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return;
        }

        var kind = added.Count > 0 ? (removed.Count > 0 ? NoticeKind.PhoneChanged : NoticeKind.PhoneAdded) : NoticeKind.PhoneRemoved;
        var notice = NoticeTexts.PhoneChange(kind, Host, time.GetUtcNow(), origin, added.FirstOrDefault(), removed.FirstOrDefault());
        var textTo = kind == NoticeKind.PhoneAdded ? before.Distinct().ToList() : removed;
        await NotifyAsync(userId, notice, textTo, origin);
    }

    /// <summary>
    /// The SMS factor was just locked (<see cref="OtpAccountOptions.FailureLimit"/> failures): unless this lock was
    /// announced already, claims the announcement with one conditional update (one node, one request wins) and tells
    /// the person by e-mail and on each verified number.
    /// </summary>
    public async Task FactorLockedAsync(string userId, string? remoteAddress)
    {
        try
        {
            var now = time.GetUtcNow();
            var limit = otpOptions.FailureLimit;
            var claimed = await db.OtpAccountStates
                .Where(s => s.UserId == userId && s.ConsecutiveFailures >= limit && (s.LockNoticeAt == null || s.LockNoticeAt < s.LastFailureAt))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LockNoticeAt, now), Finish);
            if (claimed != 1)
            {
                return;
            }

            var numbers = await phones.VerifiedNumbersAsync(userId, Finish);
            await NotifyAsync(userId, NoticeTexts.FactorLocked(Host, now, limit), numbers, new NoticeOrigin("", remoteAddress));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, "factor locked", userId);
        }
    }

    private string Host => sms.OriginHost is { Length: > 0 } host ? host : "IdP";

    private async Task NotifyAsync(string userId, NoticeText notice, IReadOnlyCollection<string> textTo, NoticeOrigin origin)
    {
        var name = notice.Kind switch
        {
            NoticeKind.PhoneAdded => "phone added",
            NoticeKind.PhoneChanged => "phone changed",
            NoticeKind.PhoneRemoved => "phone removed",
            _ => "SMS sign-in locked",
        };
        var entry = new AuditEntry(AuditEventTypes.NoticeSent) { UserId = userId, RemoteAddress = origin.RemoteAddress, ActorId = origin.ActorId };
        try
        {
            var (email, delivery) = await EmailAsync(userId, notice);
            await audit.WriteAsync(delivery.Sent
                ? entry with { Detail = $"e-mail '{name}' to {SmtpMailSender.MaskEmail(email!)}" }
                : entry with { Type = AuditEventTypes.NoticeNotSent, Detail = $"e-mail '{name}' not sent: {delivery.Problem}" }, Finish);

            foreach (var number in textTo.Distinct())
            {
                var (sent, detail) = await TextAsync(userId, number, notice.Sms, origin.RemoteAddress);
                await audit.WriteAsync(entry with
                {
                    Type = sent ? AuditEventTypes.NoticeSent : AuditEventTypes.NoticeNotSent,
                    Detail = $"text '{name}' to {PhoneNumberRules.Mask(number)}{(sent ? "" : " not sent")}: {detail}",
                }, Finish);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change itself is done and audited; a database problem here must not turn it into an error page.
            LogFailed(logger, ex, name, userId);
        }
    }

    private async Task<(string? Email, NoticeDelivery Delivery)> EmailAsync(string userId, NoticeText notice)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.EmailConfirmed }).FirstOrDefaultAsync(Finish);
        if (user?.Email is not { Length: > 0 } email)
        {
            return (null, NoticeDelivery.NotSent("the account has no e-mail address"));
        }

        // Only a confirmed address: an unconfirmed one may not be the person's (and could be an attacker's).
        if (!user.EmailConfirmed)
        {
            return (email, NoticeDelivery.NotSent("the account's e-mail address is not confirmed"));
        }

        try
        {
            return (email, await mail.SendAsync(new AccountNotification(userId, email, notice.Subject, notice.Email), Finish));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A replaced INotificationSender that throws still must not cost the text notices.
            return (email, NoticeDelivery.NotSent($"the mail sender failed: {ex.GetType().Name}"));
        }
    }

    private async Task<(bool Sent, string Detail)> TextAsync(string userId, string e164, string text, string? remoteAddress)
    {
        var record = new SmsMessage
        {
            CreatedAt = time.GetUtcNow(),
            Purpose = SmsPurposes.Notice,
            UserId = userId,
            RemoteAddress = remoteAddress,
            DestinationHash = await otp.HashDestinationAsync(e164, Finish),
            DestinationMasked = PhoneNumberRules.Mask(e164),
        };
        var breaker = await limiter.GetBreakerAsync(Finish);
        if (breaker.IsOpen)
        {
            record.State = SmsStates.Refused;
            record.Error = $"Not sent: the SMS circuit breaker is open{(breaker.Until is { } until ? $" until {until:u}" : "")}.";
            record.CompletedAt = record.CreatedAt;
            db.SmsMessages.Add(record);
            await db.SaveChangesAsync(Finish);
            return (false, $"the SMS circuit breaker is open (message {record.Id})");
        }

        var result = await records.SendRecordedAsync(record, e164, text, Finish);
        return result.Outcome is SmsSendOutcome.Accepted or SmsSendOutcome.Unknown
            ? (true, $"message {record.Id}{(result.Outcome == SmsSendOutcome.Unknown ? " (SMSC did not confirm)" : "")}")
            : (false, $"{result.Outcome.ToString().ToLowerInvariant()}: {result.Error} (message {record.Id})");
    }

    [LoggerMessage(EventId = 4420, Level = LogLevel.Error, Message = "The '{Notice}' notice for user {UserId} could not be completed; the change itself stands.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string notice, string userId);
}
