namespace IdP.Authentication.Otp;

/// <summary>A freshly issued code: the plain code exists only here, to be sent, never stored.</summary>
/// <param name="Code">The digits to send.</param>
/// <param name="Reference">Short reference shown in the message and on the page.</param>
/// <param name="ExpiresAt">When it dies.</param>
public sealed record IssuedOtp(string Code, string Reference, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"IssuedOtp {{ Reference = {Reference}, ExpiresAt = {ExpiresAt:O} }}";
}
