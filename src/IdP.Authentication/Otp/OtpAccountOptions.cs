namespace IdP.Authentication.Otp;

/// <summary>
/// Per-account limits on wrong codes (NIST SP 800-63B §3.2.2: at most 100 consecutive failures;
/// waits growing from 30 s up to 1 h are a suggested measure). Section <c>IdP:Otp</c>.
/// </summary>
public sealed class OtpAccountOptions
{
    public const string SectionName = "IdP:Otp";

    /// <summary>Consecutive failures after which the account's codes are refused until an admin resets it (≤ 100).</summary>
    public int FailureLimit { get; set; } = 100;

    /// <summary>Failures allowed before each further attempt has to wait.</summary>
    public int FreeFailures { get; set; } = 5;

    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

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
}
