namespace IdP.Authentication.Otp;

/// <summary>The result of <see cref="OtpService.VerifyAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="RemainingAttempts">Attempts left on the current code.</param>
/// <param name="RetryAfter">When the account may try again (its growing wait, or the end of the lock at the failure limit).</param>
public sealed record OtpCheckResult(OtpVerification Outcome, int RemainingAttempts = 0, DateTimeOffset? RetryAfter = null)
{
    /// <summary>The account reached the failure limit: its SMS factor is locked until <see cref="RetryAfter"/>.</summary>
    public bool Locked { get; init; }

    /// <summary>This very attempt reached the failure limit and locked the factor (happens once per lock).</summary>
    public bool LockedNow { get; init; }

    /// <summary>The reference of the code that was checked (not secret), for the audit trail.</summary>
    public string? Reference { get; init; }
}
