namespace IdP.Authentication.Sms;

/// <summary>
/// What the <c>smpp</c> script asks of the host when a person binds or loses the SMS factor. IdP.Authentication does not
/// know roles, mail or notices; the server implements this (one scoped service). When no implementation is registered
/// (bare engine hosts in unit tests), the script enrolls without the role rule and tells nobody.
/// </summary>
public interface ISmsFactorHooks
{
    /// <summary>
    /// Why <paramref name="userId"/> may not bind their first phone themselves at sign-in (e.g. the account has the
    /// <c>admin</c> role: another administrator or the command line must add it), or null when they may.
    /// </summary>
    Task<string?> WhyNotSelfEnrollAsync(string userId, CancellationToken ct);

    /// <summary>A number was proven and bound to the account during sign-in (<c>enrollment=signin</c>).</summary>
    Task PhoneEnrolledAsync(string userId, string e164, string? remoteAddress, CancellationToken ct);

    /// <summary>
    /// The account's SMS factor was just locked (<c>IdP:Otp:FailureLimit</c> wrong codes); called once per lock by
    /// <c>OtpLockout</c>. The host tells the person on every channel it has.
    /// </summary>
    Task FactorLockedAsync(string userId, string? remoteAddress, CancellationToken ct);
}
