using IdP.Authentication.Password;
using IdP.Authentication.Scripts;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.TestPlugin;

/// <summary>
/// A two-step test method, loaded as a plugin: password, then a fixed code taken from its
/// configuration. Users whose name starts with <c>nocode</c> cannot use it; their alternative
/// is <c>pwd</c>.
/// </summary>
public sealed class TestCodeScript : IAuthenticationScript
{
    public string Acr => "test-code";

    public int Level => 20;

    public string DisplayName => "Test code (plugin)";

    public IReadOnlyList<ScriptPropertyDefinition> Properties { get; } =
    [
        new()
        {
            Key = "expected_code",
            Description = "The code the second step accepts.",
            DefaultValue = "246810",
            IsSecret = true,
            Validate = v => v.All(char.IsAsciiDigit) && v.Length >= 6 ? null : "must be at least 6 digits.",
        },
    ];

    public async ValueTask<bool> IsValidForUserAsync(ScriptContext context, CancellationToken cancellationToken)
    {
        var users = context.Services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<IdP.Data.Entities.IdPUser>>();
        var user = context.UserId is null ? null : await users.FindByIdAsync(context.UserId);
        return user?.UserName?.StartsWith("nocode", StringComparison.Ordinal) != true;
    }

    public ValueTask<string?> GetAlternativeAcrAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>("pwd");

    public ValueTask<int> GetStepCountAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.FromResult(2);

    public ValueTask<StepPage> PrepareStepAsync(ScriptContext context, int step, CancellationToken cancellationToken) =>
        ValueTask.FromResult(step == 1
            ? StepPage.Of("password")
            : new StepPage("code", new Dictionary<string, string> { ["title"] = "Enter your test code", ["label"] = "Test code" }));

    public async ValueTask<StepOutcome> AuthenticateAsync(ScriptContext context, int step, IReadOnlyDictionary<string, string> input, CancellationToken cancellationToken)
    {
        if (step == 1)
        {
            var user = await context.Services.GetRequiredService<PasswordAuthenticator>()
                .AuthenticateAsync(input.GetValueOrDefault("username") ?? "", input.GetValueOrDefault("password") ?? "", cancellationToken);
            return user is null ? StepOutcome.Retry("Wrong username or password.") : StepOutcome.Success(user.Id, ["pwd"]);
        }

        return input.GetValueOrDefault("code") == context.Configuration.GetString("expected_code")
            // A claim of its own, and an attempt to override sub that the server must ignore.
            ? StepOutcome.Success(amr: ["otp", "mfa"], claims: new Dictionary<string, string> { ["test_assurance"] = "code-verified", ["sub"] = "forged" })
            : StepOutcome.Retry("That code is not right.");
    }

    public ValueTask LogoutAsync(ScriptContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
