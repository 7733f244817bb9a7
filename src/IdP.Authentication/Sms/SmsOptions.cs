namespace IdP.Authentication.Sms;

/// <summary>
/// Limits on sending codes by SMS (section <c>IdP:Sms</c>). SMS pumping — bots making an IdP text premium or
/// far-away numbers — costs real money, so every send passes per-number, per-account and per-address limits
/// with growing waits, and a global hourly budget whose breach trips a circuit breaker an admin resets.
/// </summary>
public sealed class SmsOptions
{
    public const string SectionName = "IdP:Sms";

    /// <summary>
    /// The host in the SMS's origin-bound line (<c>@host #code</c>): configured, else the issuer's host, else (the
    /// embedded default, which has no issuer) <c>localhost</c>. Never the request's <c>Host</c> header, which the
    /// client chooses.
    /// </summary>
    public string? OriginHost { get; set; }

    /// <summary>Sends to one number within <see cref="NumberWindow"/>.</summary>
    public int PerNumberLimit { get; set; } = 3;

    public TimeSpan NumberWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sends for one account within <see cref="AccountWindow"/>.</summary>
    public int PerAccountLimit { get; set; } = 5;

    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sends caused from one client address within <see cref="AddressWindow"/>.</summary>
    public int PerAddressLimit { get; set; } = 10;

    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Growing back-off: beyond the per-number limit within the last hour, each further send to the number must
    /// wait this long after the previous one, doubled per extra send (up to one hour).
    /// </summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>All sends of the installation in the last hour; reaching it trips the circuit breaker.</summary>
    public int HourlyBudget { get; set; } = 1000;

    /// <summary>How long a tripped breaker refuses sends unless an admin resets it sooner.</summary>
    public TimeSpan BreakerOpenFor { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Checks the values; returns the problems an operator must fix.</summary>
    public IEnumerable<string> Validate()
    {
        if (PerNumberLimit < 1 || PerAccountLimit < 1 || PerAddressLimit < 1)
        {
            yield return "IdP:Sms limits (PerNumberLimit, PerAccountLimit, PerAddressLimit) must be at least 1.";
        }

        if (NumberWindow <= TimeSpan.Zero || AccountWindow <= TimeSpan.Zero || AddressWindow <= TimeSpan.Zero || BackoffBase <= TimeSpan.Zero)
        {
            yield return "IdP:Sms windows (NumberWindow, AccountWindow, AddressWindow, BackoffBase) must be positive durations such as 00:05:00.";
        }

        if (HourlyBudget < 1)
        {
            yield return "IdP:Sms:HourlyBudget must be at least 1 (the number of SMS the whole installation may send per hour).";
        }

        if (BreakerOpenFor <= TimeSpan.Zero)
        {
            yield return "IdP:Sms:BreakerOpenFor must be a positive duration such as 01:00:00.";
        }
    }
}
