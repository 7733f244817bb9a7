namespace IdP.Data.Entities;

/// <summary>
/// Consecutive wrong one-time codes of one account (NIST SP 800-63B §3.2.2): a new code does not
/// reset it, a success does; past a threshold each attempt waits longer, and at the limit the
/// account's codes are refused until <see cref="BlockedUntil"/> (the lock window) or an administrator resets it.
/// </summary>
public class OtpAccountState
{
    public string UserId { get; set; } = "";

    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    /// <summary>No code is checked for this account before this time (the growing wait, or the end of the lock at the limit).</summary>
    public DateTimeOffset? BlockedUntil { get; set; }

    /// <summary>
    /// When the person was last told that the failure limit locked the SMS factor: claimed with one conditional update,
    /// so every lock (a <see cref="LastFailureAt"/> after it) is announced once, across nodes.
    /// </summary>
    public DateTimeOffset? LockNoticeAt { get; set; }
}
