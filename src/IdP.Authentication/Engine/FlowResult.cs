using IdP.Authentication.Scripts;

namespace IdP.Authentication.Engine;

/// <summary>The outcome of preparing or submitting a step of a sign-in flow.</summary>
public sealed record FlowResult
{
    public required FlowResultKind Kind { get; init; }

    public StepPage? Page { get; init; }

    /// <summary>A message for the page (retry reason).</summary>
    public string? Message { get; init; }

    /// <summary>For Completed: who signed in and how.</summary>
    public AuthenticationResult? Authentication { get; init; }

    /// <summary>
    /// What the person should know before continuing: the requested method cannot run for them (and why, what to
    /// do). With ShowStep it accompanies the alternative's page; with Failed the host shows it with a way back to
    /// the application, which then receives the error.
    /// </summary>
    public string? Notice { get; init; }

    public string? Error { get; init; }

    public string? ErrorDescription { get; init; }
}
