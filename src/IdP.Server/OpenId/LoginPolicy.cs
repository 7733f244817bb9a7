using System.Security.Claims;
using IdP.Server.Session;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.OpenId;

/// <summary>
/// Decides whether an authorization request can use the current IdP session or needs an active
/// sign-in: an ordered list of named checks (in the manner of node-oidc-provider's interaction
/// policy), each giving a machine-readable reason that is logged.
/// </summary>
public static class LoginPolicy
{
    /// <summary>Why a sign-in is required.</summary>
    public enum Reason
    {
        None,
        NoSession,
        PromptLogin,
        MaxAgeExceeded,
        IdTokenHintMismatch,
        AcrNotSatisfied,
    }

    /// <summary>
    /// Runs the checks in order and returns the first reason that requires a sign-in.
    /// </summary>
    /// <param name="request">The validated authorization request.</param>
    /// <param name="session">The IdP session, if any.</param>
    /// <param name="idTokenHint">The principal of a validated <c>id_token_hint</c>, if any.</param>
    /// <param name="requiredAcr">The acr this request needs (the only one for now is <c>pwd</c>).</param>
    /// <param name="now">Current time.</param>
    public static Reason Evaluate(OpenIddictRequest request, SessionInfo? session, ClaimsPrincipal? idTokenHint, string requiredAcr, DateTimeOffset now)
    {
        if (session is null)
        {
            return Reason.NoSession;
        }

        // OIDC Core 3.1.2.1: prompt=login — the OP SHOULD prompt the user for reauthentication.
        if (request.HasPromptValue(PromptValues.Login))
        {
            return Reason.PromptLogin;
        }

        // OIDC Core 3.1.2.1: max_age — past it the OP MUST actively re-authenticate.
        if (request.MaxAge is long maxAge && now - session.AuthTime > TimeSpan.FromSeconds(maxAge))
        {
            return Reason.MaxAgeExceeded;
        }

        // OIDC Core 3.1.2.1: id_token_hint naming another user than the session's.
        var hinted = idTokenHint?.GetClaim(Claims.Subject);
        if (!string.IsNullOrEmpty(hinted) && !string.Equals(hinted, session.Subject, StringComparison.Ordinal))
        {
            return Reason.IdTokenHintMismatch;
        }

        if (!string.Equals(session.Acr, requiredAcr, StringComparison.Ordinal))
        {
            return Reason.AcrNotSatisfied;
        }

        return Reason.None;
    }
}
