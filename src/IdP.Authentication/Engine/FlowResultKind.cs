namespace IdP.Authentication.Engine;

/// <summary>What the login page does after a submission.</summary>
public enum FlowResultKind
{
    /// <summary>Render <see cref="FlowResult.Page"/> (the next step, or the same one with a reason).</summary>
    ShowStep,

    /// <summary>The user is authenticated: start the session and return to the request.</summary>
    Completed,

    /// <summary>The flow failed: the client receives <see cref="FlowResult.Error"/>.</summary>
    Failed,
}
