namespace IdP.Authentication.Otp;

/// <summary>The per-code rules a script configures (e.g. the <c>smpp</c> script's properties).</summary>
/// <param name="Length">Digits, 6 to 10 (NIST SP 800-63B §3.1.3.2: at least six).</param>
/// <param name="Lifetime">At most 10 minutes (NIST §3.1.3.2, ASVS 2.7.2).</param>
/// <param name="MaxAttempts">Wrong entries after which the code is dead.</param>
public sealed record OtpPolicy(int Length, TimeSpan Lifetime, int MaxAttempts)
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    public OtpPolicy Validated()
    {
        if (Length is < 6 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(Length), Length, "A one-time code has 6 to 10 digits.");
        }

        if (Lifetime <= TimeSpan.Zero || Lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(Lifetime), Lifetime, "A one-time code lives at most 10 minutes.");
        }

        if (MaxAttempts is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "Allow 1 to 10 attempts per code.");
        }

        return this;
    }
}
