namespace IdP.Server.Security;

/// <summary>
/// Per-address limits on the anonymous sign-in surface (section <c>IdP:RateLimits</c>). Each node
/// counts on its own (in memory): see docs/operations.md for what a multi-node operator sets.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "IdP:RateLimits";

    /// <summary>Posts of the sign-in form (password, code, resend…) per client address: password spraying across accounts.</summary>
    public RateLimitRule PasswordStep { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// New sign-in flows per client address: anonymous visits of <c>/account/login</c> and <c>/connect/authorize</c>,
    /// and posts of the method chooser (each creates a flow row).
    /// </summary>
    public RateLimitRule FlowStart { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/> (a fixed window).</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}
