using IdP.Server.Session;

namespace IdP.Server.Admin;

/// <summary>The console's decision about one request, with the reason logged and shown.</summary>
public sealed record AdminAccessResult(AdminAccessKind Kind, SessionInfo? Session, string Reason)
{
    /// <summary>Key of the allowed result in <c>HttpContext.Items</c> (the console layout shows who is signed in).</summary>
    public const string ItemKey = "idp:admin-access";

    /// <summary>The admin acr the decision was made against.</summary>
    public string AdminAcr { get; init; } = "";

    /// <summary>Whether the session is recent enough for changes (within max_age).</summary>
    public bool IsFresh { get; init; }

    /// <summary>When a change will require signing in again.</summary>
    public DateTimeOffset? FreshUntil { get; init; }
}
