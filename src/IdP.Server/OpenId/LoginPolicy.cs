using System.Security.Claims;
using IdP.Authentication.Scripts;
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

    /// <summary>The decision and, when the session can be used, the acr tokens report.</summary>
    public readonly record struct Decision(Reason Reason, string? ReportedAcr);

    /// <summary>Runs the checks in order and returns the first reason that requires a sign-in.</summary>
    /// <param name="request">The validated authorization request.</param>
    /// <param name="session">The IdP session, if any.</param>
    /// <param name="idTokenHint">The principal of a validated <c>id_token_hint</c>, if any.</param>
    /// <param name="resolution">The acr the request needs (already resolved, successfully).</param>
    /// <param name="now">Current time.</param>
    public static Decision Evaluate(OpenIddictRequest request, SessionInfo? session, ClaimsPrincipal? idTokenHint, AcrResolution resolution, DateTimeOffset now)
    {
        if (session is null)
        {
            return new(Reason.NoSession, null);
        }

        // OIDC Core 3.1.2.1: prompt=login — the OP SHOULD prompt the user for reauthentication.
        if (request.HasPromptValue(PromptValues.Login))
        {
            return new(Reason.PromptLogin, null);
        }

        // OIDC Core 3.1.2.1: max_age — past it the OP MUST actively re-authenticate. This also
        // bounds an elevated acr: it never outlives max_age.
        if (request.MaxAge is long maxAge && now - session.AuthTime > TimeSpan.FromSeconds(maxAge))
        {
            return new(Reason.MaxAgeExceeded, null);
        }

        // OIDC Core 3.1.2.1: id_token_hint naming another user than the session's.
        var hinted = idTokenHint?.GetClaim(Claims.Subject);
        if (!string.IsNullOrEmpty(hinted) && !string.Equals(hinted, session.Subject, StringComparison.Ordinal))
        {
            return new(Reason.IdTokenHintMismatch, null);
        }

        var reported = SatisfiedAcr(session, resolution);
        return reported is null ? new(Reason.AcrNotSatisfied, null) : new(Reason.None, reported);
    }

    /// <summary>
    /// The acr the session satisfies for this request, or null. The same script always does (an
    /// essential request may name any of its values); for a voluntary request a strictly stronger
    /// session also does when the client accepts its method, and tokens then report the acr actually achieved. A different method at
    /// the same level, or a weaker one, runs the flow again (step-up).
    /// </summary>
    public static string? SatisfiedAcr(SessionInfo session, AcrResolution resolution)
    {
        var candidates = resolution.IsEssential ? resolution.Candidates : [resolution.Primary];
        foreach (var candidate in candidates)
        {
            if (string.Equals(session.Script, candidate.Script, StringComparison.Ordinal))
            {
                return candidate.ReportedAcr;
            }

            if (!resolution.IsEssential && session.Level > candidate.Level && resolution.Accepts(session.Script))
            {
                return session.Acr;
            }
        }

        return null;
    }
}
