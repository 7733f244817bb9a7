namespace IdP.Server.Portal;

/// <summary>Values of <c>IdP:Account:LastPhoneRemoval</c>.</summary>
public enum LastPhoneRemovalPolicy
{
    /// <summary>The last verified number cannot be removed: add the new one first (re-enroll), then remove the old.</summary>
    Block,

    /// <summary>
    /// The last verified number may be removed; the <c>smpp</c> method then no longer applies to the user, who
    /// signs in with the alternative method (or enrolls a number at the next sign-in where the script offers it).
    /// </summary>
    Allow,
}
