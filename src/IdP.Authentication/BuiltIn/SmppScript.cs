using IdP.Authentication.Scripts;
using IdP.Authentication.Sms;

namespace IdP.Authentication.BuiltIn;

/// <summary>
/// The built-in <c>smpp</c> script: password, then a one-time code sent by SMS over SMPP to a verified phone.
/// (Skeleton: steps are being wired.)
/// </summary>
public sealed class SmppScript : IAuthenticationScript
{
    public const string AcrValue = "smpp";

    public string Acr => AcrValue;

    public int Level => 30;

    public string DisplayName => "Password and SMS code";

    public IReadOnlyList<ScriptPropertyDefinition> Properties => SmppScriptSettings.Definitions;

    public ValueTask<bool> IsValidForUserAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public ValueTask<string?> GetAlternativeAcrAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(PasswordScript.AcrValue);

    public ValueTask<int> GetStepCountAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult(2);

    public ValueTask<StepPage> PrepareStepAsync(ScriptContext context, int step, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StepPage.Of(step == 1 ? PasswordScript.PageName : "sms-code"));

    public ValueTask<StepOutcome> AuthenticateAsync(ScriptContext context, int step, IReadOnlyDictionary<string, string> input, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StepOutcome.Fail("The smpp script is not finished yet."));

    public ValueTask LogoutAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
