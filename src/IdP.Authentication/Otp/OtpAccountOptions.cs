namespace IdP.Authentication.Otp;

/// <summary>
/// Per-account limits on wrong codes (NIST SP 800-63B §3.2.2: at most 100 consecutive failures;
/// waits growing from 30 s up to 1 h are a suggested measure). Section <c>IdP:Otp</c>.
/// </summary>
public sealed class OtpAccountOptions
{
    public const string SectionName = "IdP:Otp";

    /// <summary>
    /// Consecutive failures (≤ 100) at which the account's SMS factor is locked for <see cref="LockoutDuration"/>
    /// (an admin can unlock it sooner).
    /// </summary>
    public int FailureLimit { get; set; } = 100;

    /// <summary>Failures allowed before each further attempt has to wait.</summary>
    public int FreeFailures { get; set; } = 5;

    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long the SMS factor stays locked once <see cref="FailureLimit"/> is reached; then the counter starts
    /// again from zero. At least <see cref="MaxDelay"/>, so the lock is never shorter than the last wait before it.
    /// </summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait imposed after <paramref name="failures"/> consecutive failures: 0, then doubling from <see cref="InitialDelay"/> to <see cref="MaxDelay"/>.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var over = failures - FreeFailures;
        if (over <= 0)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Pow(2, Math.Min(over - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
        return delay;
    }

    /// <summary>Checks the values; returns the problems an operator must fix.</summary>
    public IEnumerable<string> Validate()
    {
        if (FailureLimit is < 1 or > 100)
        {
            yield return "IdP:Otp:FailureLimit must be between 1 and 100 (NIST SP 800-63B §3.2.2 allows at most 100 consecutive failures).";
        }

        if (FreeFailures < 0 || FreeFailures > FailureLimit)
        {
            yield return "IdP:Otp:FreeFailures must be between 0 and IdP:Otp:FailureLimit.";
        }

        if (InitialDelay <= TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            yield return "IdP:Otp:InitialDelay must be a positive duration such as 00:00:30, and IdP:Otp:MaxDelay at least as long (e.g. 01:00:00).";
        }

        if (LockoutDuration < MaxDelay || LockoutDuration > TimeSpan.FromDays(1))
        {
            yield return "IdP:Otp:LockoutDuration (how long the SMS factor stays locked after IdP:Otp:FailureLimit wrong codes) " +
                "must be at least IdP:Otp:MaxDelay and at most 1.00:00:00; the default is 01:00:00.";
        }
    }
}
