namespace IdP.Data.Entities;

/// <summary>
/// A security event: sign-in success or failure, code sent / verified / wrong, lockout, limit hit, admin or
/// self-service change. Never holds a code, a password or a full phone number.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Dotted type, see <see cref="AuditEventTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The user the event is about.</summary>
    public string? UserId { get; set; }

    /// <summary>The user who acted, when not the subject (an admin).</summary>
    public string? ActorId { get; set; }

    public string? ClientId { get; set; }

    public string? RemoteAddress { get; set; }

    /// <summary>The acr / script involved.</summary>
    public string? Acr { get; set; }

    /// <summary>Short human-readable detail (masked values only).</summary>
    public string? Detail { get; set; }
}

/// <summary>Values of <see cref="AuditEvent.Type"/>.</summary>
public static class AuditEventTypes
{
    public const string SignInSucceeded = "signin.success";
    public const string SignInFailed = "signin.failure";
    public const string CodeSent = "otp.sent";
    public const string CodeSendFailed = "otp.send_failed";
    public const string CodeVerified = "otp.verified";
    public const string CodeWrong = "otp.wrong";
    public const string CodeExpired = "otp.expired";
    public const string AccountLocked = "otp.locked";
    public const string SendLimited = "sms.limited";
    public const string CircuitBreakerTripped = "sms.breaker_tripped";
    public const string CircuitBreakerReset = "sms.breaker_reset";
    public const string PhoneAdded = "phone.added";
    public const string PhoneRemoved = "phone.removed";
    public const string PhoneRenamed = "phone.renamed";
    public const string SessionRevoked = "session.revoked";
    public const string AdminChange = "admin.change";

    /// <summary>A notice (phone added/changed/removed, SMS factor locked) went out on one channel (e-mail or text).</summary>
    public const string NoticeSent = "notice.sent";

    /// <summary>A notice could not go out on one channel (no mail configured, no confirmed address, breaker open, SMSC down…).</summary>
    public const string NoticeNotSent = "notice.not_sent";
}
