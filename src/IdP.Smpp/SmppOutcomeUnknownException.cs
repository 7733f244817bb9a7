namespace IdP.Smpp;

/// <summary>
/// A submit_sm was sent but no response came (timeout or connection lost), twice: the SMSC may or may not have
/// accepted it. The client retries such a submit at most once, so a user gets at most two copies of a code; after that
/// the caller decides (for an OTP: let the user ask for a new code rather than resend blindly).
/// </summary>
public sealed class SmppOutcomeUnknownException : SmppException
{
    /// <summary>Creates the exception.</summary>
    public SmppOutcomeUnknownException(string message, Exception? inner = null) : base(message, inner) { }
}
