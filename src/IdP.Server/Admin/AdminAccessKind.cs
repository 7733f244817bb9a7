namespace IdP.Server.Admin;

/// <summary>What the console does with a request.</summary>
public enum AdminAccessKind
{
    /// <summary>An admin whose session meets the admin acr (and max_age, for changes).</summary>
    Allowed,

    /// <summary>No IdP session: sign in with the admin acr.</summary>
    SignInRequired,

    /// <summary>Signed in, but not in the <c>admin</c> role (or locked out): 403.</summary>
    Forbidden,

    /// <summary>An admin whose session is weaker than the admin acr, or too old for a change: sign in again.</summary>
    StepUpRequired,
}
