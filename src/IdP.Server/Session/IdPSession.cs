namespace IdP.Server.Session;

/// <summary>Names of the IdP session cookie scheme and the claims it records.</summary>
public static class IdPSession
{
    /// <summary>The authentication scheme of the IdP's own browser session.</summary>
    public const string Scheme = "IdP.Session";

    /// <summary>Cookie name; <c>__Host-</c> prefixed when served over HTTPS.</summary>
    public const string CookieName = "idp.session";

    public const string SubjectClaim = "sub";

    /// <summary>Seconds since the epoch of the last active authentication (OIDC Core §2).</summary>
    public const string AuthTimeClaim = "auth_time";

    public const string AcrClaim = "acr";

    /// <summary>One claim per RFC 8176 method.</summary>
    public const string AmrClaim = "amr";

    public const string NameClaim = "name";

    /// <summary>The level of the script that authenticated the session.</summary>
    public const string LevelClaim = "idp_level";

    /// <summary>The script that authenticated the session (the acr claim may be an alias of it).</summary>
    public const string ScriptClaim = "idp_script";

    /// <summary>The id of the server-side session row (<see cref="UserSessionStore"/>); a revoked id ends the session.</summary>
    public const string SessionIdClaim = "idp_sid";

    /// <summary>Prefix of the claims a script added (<c>StepOutcome.Claims</c>), stored in the session.</summary>
    public const string ScriptAddedClaimPrefix = "idp_sc:";
}
