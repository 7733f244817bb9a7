namespace IdP.Authentication.Scripts;

/// <summary>The result of one step.</summary>
public enum StepOutcomeKind
{
    /// <summary>The step passed; continue with the next step or finish.</summary>
    Success,

    /// <summary>Show the same step again with a reason.</summary>
    Retry,

    /// <summary>Continue at another step.</summary>
    GoTo,

    /// <summary>The flow is over and failed.</summary>
    Fail,
}
