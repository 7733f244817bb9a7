namespace IdP.Data.Entities;

/// <summary>
/// A browser session at the IdP (server side), so that a user or an admin can list and end sessions: the
/// session cookie names this row and is refused once <see cref="RevokedAt"/> is set.
/// </summary>
public class UserSession
{
    /// <summary>Random id carried in the session cookie.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public string? Acr { get; set; }

    public string? Amr { get; set; }

    public string? RemoteAddress { get; set; }

    public string? UserAgent { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
