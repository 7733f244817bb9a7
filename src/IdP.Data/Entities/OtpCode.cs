namespace IdP.Data.Entities;

/// <summary>
/// A one-time code sent to a user: only its keyed hash is stored, bound to the sign-in flow and
/// the user. Single use; dead after its expiry or after too many wrong entries.
/// </summary>
public class OtpCode
{
    public long Id { get; set; }

    public string FlowId { get; set; } = "";

    public string UserId { get; set; } = "";

    /// <summary>HMAC-SHA256 over flow, user and code, base64.</summary>
    public string CodeHash { get; set; } = "";

    /// <summary>A short reference shown with the code (not secret) so the user can match message and page.</summary>
    public string Reference { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public int FailedAttempts { get; set; }

    public int MaxAttempts { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }

    /// <summary>Set when a newer code replaced this one or it died of too many wrong entries.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
