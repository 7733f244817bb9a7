namespace IdP.Authentication.Otp;

/// <summary>Outcome of checking a code.</summary>
public enum OtpVerification
{
    /// <summary>Right code, now consumed.</summary>
    Success,

    /// <summary>Wrong code; the same code may be tried again.</summary>
    Wrong,

    /// <summary>Wrong code, and that was its last attempt: a new code is needed.</summary>
    WrongAndDead,

    /// <summary>No live code for this flow and user (never sent, expired, used, or replaced).</summary>
    NoCode,

    /// <summary>The code expired.</summary>
    Expired,

    /// <summary>Too many consecutive failures on this account: wait (at the limit, the SMS factor is locked for a while).</summary>
    AccountBlocked,
}
