namespace IdP.Authentication.Otp;

/// <summary>The result of <see cref="OtpService.VerifyAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="RemainingAttempts">Attempts left on the current code.</param>
/// <param name="RetryAfter">For <see cref="OtpVerification.AccountBlocked"/>: when the account may try again (null: only after an admin reset).</param>
public sealed record OtpCheckResult(OtpVerification Outcome, int RemainingAttempts = 0, DateTimeOffset? RetryAfter = null);
