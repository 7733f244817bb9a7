using IdP.Authentication.Scripts;

namespace IdP.Authentication.Tests.Engine;

/// <summary>
/// A configurable script for engine tests: step 1 identifies the user named in input "user";
/// later steps accept input "code" == "ok". Invalid for users listed in <see cref="InvalidFor"/>.
/// </summary>
public sealed class StubScript(string acr, int level, int steps, string? alternative = null) : IAuthenticationScript
{
    public HashSet<string> InvalidFor { get; } = [];

    public string Acr => acr;

    public int Level => level;

    public string DisplayName => acr;

    public IReadOnlyList<ScriptPropertyDefinition> Properties { get; } = [];

    public ValueTask<bool> IsValidForUserAsync(ScriptContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult(!InvalidFor.Contains(context.UserId ?? ""));

    public ValueTask<string?> GetAlternativeAcrAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult(alternative);

    public ValueTask<int> GetStepCountAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult(steps);

    public ValueTask<StepPage> PrepareStepAsync(ScriptContext context, int step, CancellationToken cancellationToken)
    {
        context.FlowData["prepared"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ValueTask.FromResult(StepPage.Of(step == 1 ? "password" : "code"));
    }

    public ValueTask<StepOutcome> AuthenticateAsync(ScriptContext context, int step, IReadOnlyDictionary<string, string> input, CancellationToken cancellationToken)
    {
        if (step == 1)
        {
            return ValueTask.FromResult(input.TryGetValue("user", out var user) ? StepOutcome.Success(user, [acr + "-1"]) : StepOutcome.Retry("who?"));
        }

        return ValueTask.FromResult(input.GetValueOrDefault("code") switch
        {
            "ok" => StepOutcome.Success(amr: [acr + "-" + step]),
            "bind" => StepOutcome.FactorBound(context.UserId!, [acr + "-" + step, "mfa"]),
            "back" => StepOutcome.GoTo(1),
            "abort" => StepOutcome.Fail("aborted"),
            _ => StepOutcome.Retry("wrong code"),
        });
    }

    public ValueTask LogoutAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
