namespace IdP.Data.Entities;

/// <summary>
/// One SMS that IdP sent or tried to send (delivery record): who and why, the masked destination, the SMSC's
/// message ids and the state that delivery receipts update. Never holds the code or the full number: the
/// number is kept as a keyed hash (for per-number send limits) and a masked form (for people).
/// </summary>
public class SmsMessage
{
    public long Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Why it was sent: <see cref="SmsPurposes"/>.</summary>
    public string Purpose { get; set; } = SmsPurposes.SignIn;

    /// <summary>The sign-in flow (or enrollment) the message belongs to.</summary>
    public string? FlowId { get; set; }

    public string? UserId { get; set; }

    public string? ClientId { get; set; }

    public string? RemoteAddress { get; set; }

    /// <summary>HMAC-SHA256 of the E.164 number under the server's OTP key, base64 (send limits per number).</summary>
    public string DestinationHash { get; set; } = "";

    /// <summary>For display, e.g. <c>+49 •••• ••78</c>.</summary>
    public string DestinationMasked { get; set; } = "";

    /// <summary>The short reference printed in the SMS and on the code page (not secret).</summary>
    public string? Reference { get; set; }

    /// <summary>The SMSC's message id per segment, space separated.</summary>
    public string? MessageIds { get; set; }

    public int Segments { get; set; }

    /// <summary>See <see cref="SmsStates"/>.</summary>
    public string State { get; set; } = SmsStates.Queued;

    /// <summary>A plain-words error (submit rejected, SMSC unreachable, receipt says UNDELIV…).</summary>
    public string? Error { get; set; }

    /// <summary>The node that sent it (its SMPP session).</summary>
    public string? Node { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>When the final receipt (delivered, failed, expired…) arrived.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>Values of <see cref="SmsMessage.Purpose"/>.</summary>
public static class SmsPurposes
{
    public const string SignIn = "signin";
    public const string Enrollment = "enroll";
    public const string Notice = "notice";
    public const string Test = "test";
}

/// <summary>Values of <see cref="SmsMessage.State"/>.</summary>
public static class SmsStates
{
    /// <summary>Recorded, not yet accepted by the SMSC.</summary>
    public const string Queued = "queued";

    /// <summary>Accepted by the SMSC (submit_sm_resp OK); waiting for a receipt.</summary>
    public const string Sent = "sent";

    public const string Delivered = "delivered";

    /// <summary>Rejected by the SMSC, undeliverable, expired or deleted.</summary>
    public const string Failed = "failed";

    /// <summary>The submit timed out twice: the SMSC may or may not have it.</summary>
    public const string Unknown = "unknown";

    /// <summary>Refused before sending (limit, circuit breaker, premium-rate number).</summary>
    public const string Refused = "refused";
}

/// <summary>
/// One segment of a <see cref="SmsMessage"/> as the SMSC accepted it: its message id, by which a delivery
/// receipt (arriving on any node's session) finds the message.
/// </summary>
public class SmsSegment
{
    public long Id { get; set; }

    public long SmsMessageId { get; set; }

    /// <summary>The SMSC's message id from submit_sm_resp.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>The receipt's stat (DELIVRD, UNDELIV, …) once one arrived.</summary>
    public string? ReceiptState { get; set; }

    public DateTimeOffset? ReceiptAt { get; set; }
}
