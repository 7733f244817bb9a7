using IdP.Authentication.Audit;
using IdP.Authentication.Otp;
using IdP.Authentication.Phones;
using IdP.Data.Entities;

namespace IdP.Authentication.Sms;

/// <summary>
/// Sends a one-time code by SMS, for a sign-in step or a phone enrollment: refuses numbers that cannot or must
/// not receive codes, reserves the send under its claim and the send limits, issues the code (only its hash is stored), records the message,
/// hands it to the <see cref="ISmsSender"/> and writes the audit event. The code itself leaves only in the SMS.
/// </summary>
public sealed class SmsCodeSender(
    OtpService otp,
    SmsSendLimiter limiter,
    SmsDeliveryRecords records,
    AuditLog audit,
    SmsOptions options)
{
    public async Task<SmsCodeResult> SendAsync(SmsCodeRequest request, CancellationToken ct)
    {
        var masked = PhoneNumberRules.Mask(request.Destination);
        var entry = new AuditEntry(AuditEventTypes.SendLimited)
        {
            UserId = request.UserId, ClientId = request.ClientId, RemoteAddress = request.RemoteAddress, Acr = request.Acr,
        };

        if (PhoneNumberRules.WhyNotTextable(request.Destination) is { } why)
        {
            await audit.WriteAsync(entry with { Detail = $"refused {masked}: {why}" }, ct);
            return new SmsCodeResult(SmsCodeStatus.NotTextable, why);
        }

        // The record is the reservation: inserted with the limit check, under one lock, before the SMSC call.
        var record = new SmsMessage
        {
            Purpose = request.Purpose,
            FlowId = request.FlowId,
            UserId = request.UserId,
            ClientId = request.ClientId,
            RemoteAddress = request.RemoteAddress,
            DestinationHash = await otp.HashDestinationAsync(request.Destination, ct),
            DestinationMasked = masked,
        };
        var decision = await limiter.ReserveAsync(record, request.Claim, ct);
        if (decision.Kind == SmsLimitKind.Duplicate)
        {
            return new SmsCodeResult(SmsCodeStatus.AlreadySent, decision.Message, RetryAt: decision.RetryAt);
        }

        if (!decision.Allowed)
        {
            var type = decision.Kind == SmsLimitKind.CircuitBreaker ? AuditEventTypes.CircuitBreakerTripped : AuditEventTypes.SendLimited;
            await audit.WriteAsync(entry with { Type = type, Detail = $"{decision.Kind} limit for {masked}; retry after {decision.RetryAt:O}" }, ct);
            return new SmsCodeResult(SmsCodeStatus.Limited, decision.Message, RetryAt: decision.RetryAt);
        }

        var issued = await otp.IssueAsync(request.FlowId, request.UserId, new OtpPolicy(request.Settings.CodeLength, request.Settings.CodeLifetime, request.Settings.Attempts), ct);
        var text = SmppScriptSettings.Render(request.Settings.Template, issued.Code, issued.Reference, request.Settings.CodeLifetime, options.OriginHost ?? "localhost");
        record.Reference = issued.Reference;
        var result = await records.SendRecordedAsync(record, request.Destination, text, ct);

        if (result.Outcome is SmsSendOutcome.Accepted or SmsSendOutcome.Unknown)
        {
            await audit.WriteAsync(entry with
            {
                Type = AuditEventTypes.CodeSent,
                Detail = $"code ref {issued.Reference} to {masked}, {result.Segments} segment(s), message {record.Id}{(result.Outcome == SmsSendOutcome.Unknown ? " (SMSC did not confirm)" : "")}",
            }, ct);
            return new SmsCodeResult(SmsCodeStatus.Sent, null, issued.Reference, issued.ExpiresAt, record.Id);
        }

        // Nobody can know a code that never left: kill it, so the page offers a retry instead of a code field.
        await otp.RevokeAsync(request.FlowId, ct);
        await audit.WriteAsync(entry with { Type = AuditEventTypes.CodeSendFailed, Detail = $"to {masked}: {result.Error}" }, ct);
        var message = result.Outcome == SmsSendOutcome.Rejected
            ? "The text message service refused to send a code to this number. Try again, or contact your administrator if it keeps failing."
            : "We could not send the text message right now: the SMS service is not reachable. Try again in a moment.";
        return new SmsCodeResult(SmsCodeStatus.Failed, message, RecordId: record.Id);
    }
}

/// <summary>What to send: a code for <paramref name="FlowId"/> and <paramref name="UserId"/> to <paramref name="Destination"/> (E.164).</summary>
public sealed record SmsCodeRequest(string FlowId, string UserId, string Destination, SmppScriptSettings Settings)
{
    public string Purpose { get; init; } = SmsPurposes.SignIn;

    public string? ClientId { get; init; }

    public string? RemoteAddress { get; init; }

    public string? Acr { get; init; }

    /// <summary>Which earlier sends make this one a duplicate (null: none; the limits still apply).</summary>
    public SmsSendClaim? Claim { get; init; }
}

public enum SmsCodeStatus
{
    Sent,

    /// <summary>Nothing sent: a code was already sent for this flow (or enrollment) within the claim's cooldown.</summary>
    AlreadySent,
    NotTextable,
    Limited,
    Failed,
}

/// <param name="Message">For the user when not sent (plain words, no internals).</param>
public sealed record SmsCodeResult(SmsCodeStatus Status, string? Message, string? Reference = null, DateTimeOffset? ExpiresAt = null, long? RecordId = null, DateTimeOffset? RetryAt = null);
