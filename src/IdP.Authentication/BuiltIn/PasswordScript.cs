using IdP.Authentication.Password;
using IdP.Authentication.Scripts;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.BuiltIn;

/// <summary>
/// The built-in <c>pwd</c> script: one step, username (or email) and password, with lockout. The
/// failure message is the same for an unknown user, a wrong password and a locked account.
/// </summary>
public sealed class PasswordScript : IAuthenticationScript
{
    public const string AcrValue = "pwd";
    public const string PageName = "password";
    public const string FailureMessage =
        "Sign-in failed. Check your username and password. After several failed attempts sign-in is paused for a while.";

    public string Acr => AcrValue;

    public int Level => 10;

    public string DisplayName => "Password";

    public IReadOnlyList<ScriptPropertyDefinition> Properties { get; } = [];

    public ValueTask<bool> IsValidForUserAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public ValueTask<string?> GetAlternativeAcrAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask<int> GetStepCountAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult(1);

    public ValueTask<StepPage> PrepareStepAsync(ScriptContext context, int step, CancellationToken cancellationToken) =>
        ValueTask.FromResult(StepPage.Of(PageName));

    public ValueTask<StepOutcome> AuthenticateAsync(ScriptContext context, int step, IReadOnlyDictionary<string, string> input, CancellationToken cancellationToken) =>
        AuthenticatePasswordAsync(context, input, cancellationToken);

    /// <summary>The password step (fields <c>username</c>, <c>password</c>), also the first step of scripts built on it.</summary>
    public static async ValueTask<StepOutcome> AuthenticatePasswordAsync(ScriptContext context, IReadOnlyDictionary<string, string> input, CancellationToken cancellationToken)
    {
        var username = input.GetValueOrDefault("username") ?? "";
        var password = input.GetValueOrDefault("password") ?? "";
        if (username.Length == 0 || password.Length == 0)
        {
            return StepOutcome.Retry("Enter your username and password.");
        }

        var user = await context.Services.GetRequiredService<PasswordAuthenticator>().AuthenticateAsync(username, password, cancellationToken);
        return user is null ? StepOutcome.Retry(FailureMessage) : StepOutcome.Success(user.Id, ["pwd"]);
    }

    public ValueTask LogoutAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
