namespace IdP.Authentication.Scripts;

/// <summary>
/// Outcome of <see cref="IAuthenticationScript.AuthenticateAsync"/>. A success may identify the
/// user (first factor) and report the RFC 8176 methods it achieved and extra claims.
/// </summary>
public sealed record StepOutcome
{
    private StepOutcome(StepOutcomeKind kind) => Kind = kind;

    public StepOutcomeKind Kind { get; }

    /// <summary>For Retry and Fail: a message the page shows (never reveals whether an account exists).</summary>
    public string? Reason { get; private init; }

    /// <summary>For GoTo: the 1-based step to continue at.</summary>
    public int NextStep { get; private init; }

    /// <summary>For Success: the user this step identified, if it identified one.</summary>
    public string? UserId { get; private init; }

    /// <summary>For Success: RFC 8176 amr values achieved by this step (e.g. <c>pwd</c>, <c>sms</c>).</summary>
    public IReadOnlyList<string> Amr { get; private init; } = [];

    /// <summary>For Success: extra claims the script adds to the session.</summary>
    public IReadOnlyDictionary<string, string> Claims { get; private init; } = new Dictionary<string, string>();

    /// <summary>
    /// For Success: this step bound a new factor to the account (e.g. a phone enrolled during the sign-in). The code
    /// proved possession of something that was not the account's before, so the sign-in does not report the
    /// script's level: it completes as the script's alternative acr, without <c>mfa</c> (NIST SP 800-63B §4.1.2:
    /// binding needs an authentication at the target level first).
    /// </summary>
    public bool BindsNewFactor { get; private init; }

    /// <summary>A success whose step bound a new factor (see <see cref="BindsNewFactor"/>).</summary>
    public static StepOutcome FactorBound(string userId, IReadOnlyList<string> amr) =>
        new(StepOutcomeKind.Success) { UserId = userId, Amr = [.. amr.Where(a => a != "mfa")], BindsNewFactor = true };

    public static StepOutcome Success(string? userId = null, IReadOnlyList<string>? amr = null, IReadOnlyDictionary<string, string>? claims = null) =>
        new(StepOutcomeKind.Success) { UserId = userId, Amr = amr ?? [], Claims = claims ?? new Dictionary<string, string>() };

    public static StepOutcome Retry(string reason) => new(StepOutcomeKind.Retry) { Reason = reason };

    public static StepOutcome GoTo(int step) => step >= 1
        ? new(StepOutcomeKind.GoTo) { NextStep = step }
        : throw new ArgumentOutOfRangeException(nameof(step), step, "Steps are numbered from 1.");

    public static StepOutcome Fail(string reason) => new(StepOutcomeKind.Fail) { Reason = reason };
}
