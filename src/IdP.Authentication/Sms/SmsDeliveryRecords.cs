using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.Sms;

/// <summary>
/// The delivery records (<see cref="SmsMessage"/> + <see cref="SmsSegment"/>): created before a send, updated
/// with the SMSC's answer and then by delivery receipts, which may arrive on any node.
/// </summary>
public sealed class SmsDeliveryRecords(IdPDbContext db, IServiceProvider services, TimeProvider time)
{
    /// <summary>
    /// Stores <paramref name="record"/> (state queued) unless it is already stored (a reservation of
    /// <see cref="SmsSendLimiter.ReserveAsync"/>), hands <paramref name="text"/> for <paramref name="destination"/>
    /// to the node's <see cref="ISmsSender"/> and stores the outcome; a server without an SMS channel yields
    /// <see cref="SmsSendOutcome.Unavailable"/>.
    /// </summary>
    public async Task<SmsSendResult> SendRecordedAsync(SmsMessage record, string destination, string text, CancellationToken ct)
    {
        if (record.Id == 0)
        {
            record.State = SmsStates.Queued;
            db.SmsMessages.Add(record);
        }

        await db.SaveChangesAsync(ct);

        var sender = services.GetService<ISmsSender>();
        var result = sender is null
            ? new SmsSendResult(SmsSendOutcome.Unavailable, [], 0, "No SMS channel is configured on this server.")
            : await sender.SendAsync(new SmsSendRequest(destination, text), ct);
        await CompleteSendAsync(record, result, ct);
        return result;
    }

    /// <summary>Stores the outcome of a send on <paramref name="record"/> (tracked or not) and its segments.</summary>
    public async Task CompleteSendAsync(SmsMessage record, SmsSendResult result, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var tracked = db.Entry(record).State == EntityState.Detached ? await db.SmsMessages.FirstAsync(m => m.Id == record.Id, ct) : record;
        tracked.Segments = result.Segments;
        tracked.Node = result.Node;
        tracked.MessageIds = result.MessageIds.Count == 0 ? null : string.Join(' ', result.MessageIds);
        tracked.Error = result.Error is null ? null : result.Error[..Math.Min(512, result.Error.Length)];
        switch (result.Outcome)
        {
            case SmsSendOutcome.Accepted:
                tracked.State = SmsStates.Sent;
                tracked.SubmittedAt = now;
                break;
            case SmsSendOutcome.Unknown:
                tracked.State = SmsStates.Unknown;
                tracked.SubmittedAt = now;
                break;
            default:
                tracked.State = SmsStates.Failed;
                tracked.CompletedAt = now;
                break;
        }

        foreach (var id in result.MessageIds)
        {
            db.SmsSegments.Add(new SmsSegment { SmsMessageId = tracked.Id, MessageId = id });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Applies a delivery receipt: the segment with <paramref name="messageId"/> takes <paramref name="stat"/>;
    /// the message becomes <c>delivered</c> once every segment is, <c>failed</c> as soon as one segment finally
    /// failed. Duplicates change nothing. Returns false when no record has that id (e.g. a test message sent by
    /// another tool on the same account).
    /// </summary>
    /// <param name="messageId">The SMSC's message id the receipt names.</param>
    /// <param name="stat">The receipt's stat (DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, ENROUTE, ACCEPTD, UNKNOWN).</param>
    /// <param name="error">The receipt's err / network error, if any.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<bool> ApplyReceiptAsync(string messageId, string stat, string? error, CancellationToken ct)
    {
        var id = messageId.Trim();
        var since = time.GetUtcNow() - TimeSpan.FromDays(7);
        var segment = await db.SmsSegments.Where(s => s.MessageId == id).OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        if (segment is null)
        {
            return false;
        }

        var message = await db.SmsMessages.FirstOrDefaultAsync(m => m.Id == segment.SmsMessageId && m.CreatedAt > since, ct);
        if (message is null)
        {
            return false;
        }

        var normalized = stat.Trim().ToUpperInvariant();
        if (segment.ReceiptState == normalized)
        {
            return true;
        }

        var now = time.GetUtcNow();
        segment.ReceiptState = normalized[..Math.Min(16, normalized.Length)];
        segment.ReceiptAt = now;
        await db.SaveChangesAsync(ct);

        var states = await db.SmsSegments.Where(s => s.SmsMessageId == message.Id).Select(s => s.ReceiptState).ToListAsync(ct);
        if (IsFailure(normalized))
        {
            message.State = SmsStates.Failed;
            message.Error = Describe(normalized, error);
            message.CompletedAt ??= now;
        }
        else if (states.All(s => s == "DELIVRD") && message.State != SmsStates.Failed)
        {
            message.State = SmsStates.Delivered;
            message.Error = null;
            message.CompletedAt ??= now;
        }

        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The newest record of a flow (the code page shows its state).</summary>
    public Task<SmsMessage?> LatestForFlowAsync(string flowId, CancellationToken ct) =>
        db.SmsMessages.AsNoTracking().Where(m => m.FlowId == flowId).OrderByDescending(m => m.Id).FirstOrDefaultAsync(ct);

    /// <summary>The keyed hash of the number the flow's code with <paramref name="reference"/> was texted to, or null.</summary>
    public Task<string?> DestinationOfAsync(string flowId, string? reference, CancellationToken ct) =>
        db.SmsMessages.AsNoTracking().Where(m => m.FlowId == flowId && m.Reference == reference && reference != null)
            .OrderByDescending(m => m.Id).Select(m => m.DestinationHash).FirstOrDefaultAsync(ct);

    private static bool IsFailure(string stat) => stat is "UNDELIV" or "EXPIRED" or "REJECTD" or "DELETED" or "UNKNOWN" or "FAILED";

    private static string Describe(string stat, string? error) => stat switch
    {
        "UNDELIV" => "The network could not deliver the message (phone off, out of coverage or number not in service)",
        "EXPIRED" => "The message expired before the phone could be reached",
        "REJECTD" => "The SMSC or network rejected the message",
        "DELETED" => "The SMSC deleted the message",
        _ => $"Delivery failed ({stat})",
    } + (string.IsNullOrEmpty(error) || error == "000" ? "." : $" (error {error}).");
}
