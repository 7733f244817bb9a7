namespace IdP.Server.Security;

/// <summary>The entry points of a sign-in that the per-address limits cover (<see cref="SignInRateLimits"/>).</summary>
public enum SignInEntry
{
    /// <summary><c>/account/login</c>: a GET may start a flow, a POST submits a step (the password).</summary>
    SignInPage,

    /// <summary><c>/connect/authorize</c>: starts a flow when the caller has no session.</summary>
    Authorize,

    /// <summary><c>/account/choose</c>: the POST starts the chosen method's flow.</summary>
    Chooser,
}
