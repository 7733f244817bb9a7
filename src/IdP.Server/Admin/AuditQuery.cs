namespace IdP.Server.Admin;

/// <summary>Filters of the audit log page and API (all optional), and the page to show.</summary>
public sealed class AuditQuery
{
    public const int PageSize = 50;

    /// <summary>Exact event type, e.g. <c>admin.change</c>.</summary>
    public string? Type { get; set; }

    /// <summary>A user id, username or email: events about that user or made by them.</summary>
    public string? User { get; set; }

    /// <summary>Inclusive start (UTC date).</summary>
    public DateOnly? From { get; set; }

    /// <summary>Inclusive end (UTC date).</summary>
    public DateOnly? To { get; set; }

    /// <summary>1-based page.</summary>
    public int Page { get; set; } = 1;
}
