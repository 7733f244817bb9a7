namespace IdP.Authentication.Scripts;

/// <summary>
/// An authentication method selected by acr: the typed, asynchronous form of Gluu's
/// person-authentication script (<c>isValidAuthenticationMethod</c>,
/// <c>getAlternativeAuthenticationMethod</c>, <c>getCountAuthenticationSteps</c>,
/// <c>prepareForStep</c>/<c>getPageForStep</c>/<c>getExtraParametersForStep</c>,
/// <c>authenticate(step)</c>/<c>getNextStep</c>, <c>logout</c>). Implementations are stateless
/// singletons: everything about one sign-in lives in the <see cref="ScriptContext"/>, whose flow
/// state is persisted between steps so that any node can serve any step.
/// </summary>
public interface IAuthenticationScript
{
    /// <summary>The acr value this script answers to, e.g. <c>pwd</c>.</summary>
    string Acr { get; }

    /// <summary>Strength; higher is stronger. A session at a lower level never satisfies a higher one.</summary>
    int Level { get; }

    /// <summary>Name shown to people (method chooser, admin console).</summary>
    string DisplayName { get; }

    /// <summary>The configuration properties the script reads, with defaults and validation.</summary>
    IReadOnlyList<ScriptPropertyDefinition> Properties { get; }

    /// <summary>
    /// Whether the script can run for the user in <paramref name="context"/> (e.g. an SMS method
    /// needs a verified phone). Called once the user is known.
    /// </summary>
    ValueTask<bool> IsValidForUserAsync(ScriptContext context, CancellationToken cancellationToken);

    /// <summary>The acr to use instead when <see cref="IsValidForUserAsync"/> is false and the request allows it; null for none.</summary>
    ValueTask<string?> GetAlternativeAcrAsync(ScriptContext context, CancellationToken cancellationToken);

    /// <summary>
    /// When <see cref="IsValidForUserAsync"/> is false: what to tell the person (what happened and what to do),
    /// shown on the alternative's page or on the page that returns to the application. Null for a generic text.
    /// </summary>
    ValueTask<string?> GetUnavailableMessageAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <summary>How many steps the flow has; may depend on the user once known.</summary>
    ValueTask<int> GetStepCountAsync(ScriptContext context, CancellationToken cancellationToken);

    /// <summary>Prepares step <paramref name="step"/> (1-based): the page to render and its data.</summary>
    ValueTask<StepPage> PrepareStepAsync(ScriptContext context, int step, CancellationToken cancellationToken);

    /// <summary>Checks what the user submitted on step <paramref name="step"/>.</summary>
    ValueTask<StepOutcome> AuthenticateAsync(ScriptContext context, int step, IReadOnlyDictionary<string, string> input, CancellationToken cancellationToken);

    /// <summary>Called when a session established by this script ends.</summary>
    ValueTask LogoutAsync(ScriptContext context, CancellationToken cancellationToken);
}
