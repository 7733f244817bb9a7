using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using IdP.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.Tests.Engine;

public sealed class SignInFlowServiceTests
{
    private static readonly FlowRequestInfo Info = new(null, "127.0.0.1");

    private static AcrResolution Choose(EngineHost host, string acrValues, string? essential = null)
    {
        using var scope = host.Services.CreateScope();
        var snapshot = scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().GetSnapshotAsync(default).GetAwaiter().GetResult();
        return AcrResolver.Resolve(acrValues.Split(' ', StringSplitOptions.RemoveEmptyEntries), essential?.Split(' '), ClientAcrPolicy.None, snapshot.DefaultAcr, snapshot.Catalog);
    }

    private static async Task EnableAsync(EngineHost host, params string[] acrs)
    {
        using var scope = host.Services.CreateScope();
        foreach (var acr in acrs)
        {
            await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().SetEnabledAsync(acr, true, default);
        }
    }

    private static async Task<FlowResult> SubmitAsync(EngineHost host, string flowId, params (string Key, string Value)[] input)
    {
        using var scope = host.Services.CreateScope();
        var flows = scope.ServiceProvider.GetRequiredService<SignInFlowService>();
        var flow = await flows.FindActiveAsync(flowId, default);
        Assert.NotNull(flow);
        return await flows.SubmitAsync(flow, input.ToDictionary(i => i.Key, i => i.Value), Info, default);
    }

    private static async Task<string> StartAsync(EngineHost host, AcrResolution resolution)
    {
        using var scope = host.Services.CreateScope();
        var flow = await scope.ServiceProvider.GetRequiredService<SignInFlowService>().StartAsync(resolution, "client", "/connect/authorize?x=1", default);
        return flow.Id;
    }

    [Fact]
    public async Task Flow_TwoSteps_CompletesWithAmrOfEveryStepAndIsNotReplayable()
    {
        await using var host = new EngineHost(new StubScript("two", 20, 2));
        await EnableAsync(host, "two");
        var id = await StartAsync(host, Choose(host, "two"));

        var first = await SubmitAsync(host, id, ("user", "u1"));
        Assert.Equal(FlowResultKind.ShowStep, first.Kind);
        Assert.Equal("code", first.Page!.Page);

        var wrong = await SubmitAsync(host, id, ("code", "nope"));
        Assert.Equal(FlowResultKind.ShowStep, wrong.Kind);
        Assert.Equal("wrong code", wrong.Message);

        var done = await SubmitAsync(host, id, ("code", "ok"));
        Assert.Equal(FlowResultKind.Completed, done.Kind);
        Assert.Equal("u1", done.Authentication!.UserId);
        Assert.Equal("two", done.Authentication.ReportedAcr);
        Assert.Equal(20, done.Authentication.Level);
        Assert.Equal(["two-1", "two-2"], done.Authentication.Amr);

        using var scope = host.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<SignInFlowService>().FindActiveAsync(id, default));
        var stored = await scope.ServiceProvider.GetRequiredService<IdPDbContext>().LoginFlows.SingleAsync(f => f.Id == id);
        Assert.Equal(1, stored.FailedAttempts);
        Assert.Equal("2", System.Text.Json.JsonDocument.Parse(stored.DataJson).RootElement.GetProperty("prepared").GetString());
    }

    [Fact]
    public async Task Flow_PastItsLifetime_IsGone()
    {
        await using var host = new EngineHost(new StubScript("two", 20, 2));
        await EnableAsync(host, "two");
        var id = await StartAsync(host, Choose(host, "two"));

        host.Time.Advance(TimeSpan.FromMinutes(11));

        using var scope = host.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<SignInFlowService>().FindActiveAsync(id, default));
    }

    [Fact]
    public async Task Flow_GoToAndFail_AreHonoured()
    {
        await using var host = new EngineHost(new StubScript("two", 20, 2));
        await EnableAsync(host, "two");
        var id = await StartAsync(host, Choose(host, "two"));
        await SubmitAsync(host, id, ("user", "u1"));

        var back = await SubmitAsync(host, id, ("code", "back"));
        Assert.Equal("password", back.Page!.Page);
        await SubmitAsync(host, id, ("user", "u1"));
        var failed = await SubmitAsync(host, id, ("code", "abort"));

        Assert.Equal(FlowResultKind.Failed, failed.Kind);
        Assert.Equal("access_denied", failed.Error);
    }

    [Fact]
    public async Task Flow_DifferentUserMidFlow_Fails()
    {
        await using var host = new EngineHost(new StubScript("two", 20, 2));
        await EnableAsync(host, "two");
        var id = await StartAsync(host, Choose(host, "two"));
        await SubmitAsync(host, id, ("user", "u1"));
        await SubmitAsync(host, id, ("code", "back"));

        var result = await SubmitAsync(host, id, ("user", "u2"));

        Assert.Equal(FlowResultKind.Failed, result.Kind);
    }

    [Fact]
    public async Task Flow_InvalidForUserVoluntary_SwitchesToAlternative()
    {
        var strong = new StubScript("strong", 30, 2, alternative: "pwd-like");
        strong.InvalidFor.Add("nophone");
        await using var host = new EngineHost(strong, new StubScript("pwd-like", 15, 1));
        await EnableAsync(host, "strong", "pwd-like");
        var id = await StartAsync(host, Choose(host, "strong"));

        var switched = await SubmitAsync(host, id, ("user", "nophone"));
        Assert.Equal(FlowResultKind.ShowStep, switched.Kind);
        Assert.Equal("password", switched.Page!.Page);
        var done = await SubmitAsync(host, id, ("user", "nophone"));

        Assert.Equal(FlowResultKind.Completed, done.Kind);
        Assert.Equal("pwd-like", done.Authentication!.ReportedAcr);
        Assert.Equal(["pwd-like-1"], done.Authentication.Amr);
    }

    [Fact]
    public async Task Flow_InvalidForUser_AlternativeBelowTheClientsMinimum_FailsInsteadOfFallingBack()
    {
        // Closes: a client that refuses anything below level 30 got a pwd token through the script's alternative.
        var strong = new StubScript("strong", 30, 2, alternative: "pwd-like");
        strong.InvalidFor.Add("nophone");
        await using var host = new EngineHost(strong, new StubScript("pwd-like", 15, 1));
        await EnableAsync(host, "strong", "pwd-like");
        AcrResolution resolution;
        using (var scope = host.Services.CreateScope())
        {
            var snapshot = await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().GetSnapshotAsync(default);
            resolution = AcrResolver.Resolve(["strong"], null, new ClientAcrPolicy { MinimumLevel = 30, RaiseToMinimum = false }, snapshot.DefaultAcr, snapshot.Catalog);
        }

        var id = await StartAsync(host, resolution);
        var result = await SubmitAsync(host, id, ("user", "nophone"));

        Assert.Equal(FlowResultKind.Failed, result.Kind);
        Assert.Equal(AcrResolver.AccessDenied, result.Error);
    }

    [Fact]
    public async Task Flow_StepThatBindsANewFactor_ReportsTheAlternativeWithoutMfa()
    {
        // Closes: enrolling a phone during the sign-in reported the level of that phone (acr smpp, mfa).
        await using var host = new EngineHost(new StubScript("strong", 30, 2, alternative: "pwd-like"), new StubScript("pwd-like", 15, 1));
        await EnableAsync(host, "strong", "pwd-like");
        var id = await StartAsync(host, Choose(host, "strong"));

        await SubmitAsync(host, id, ("user", "alice"));
        var done = await SubmitAsync(host, id, ("code", "bind"));

        Assert.Equal(FlowResultKind.Completed, done.Kind);
        Assert.Equal("pwd-like", done.Authentication!.ReportedAcr);
        Assert.Equal("pwd-like", done.Authentication.ScriptAcr);
        Assert.Equal(15, done.Authentication.Level);
        Assert.DoesNotContain("mfa", done.Authentication.Amr);
    }

    [Fact]
    public async Task Flow_InvalidForUserEssential_FailsWithUnmetRequirements()
    {
        var strong = new StubScript("strong", 30, 2, alternative: "pwd-like");
        strong.InvalidFor.Add("nophone");
        await using var host = new EngineHost(strong, new StubScript("pwd-like", 15, 1));
        await EnableAsync(host, "strong", "pwd-like");
        var id = await StartAsync(host, Choose(host, "", essential: "strong"));

        var result = await SubmitAsync(host, id, ("user", "nophone"));

        Assert.Equal(FlowResultKind.Failed, result.Kind);
        Assert.Equal(AcrResolver.UnmetAuthenticationRequirements, result.Error);
    }

    [Fact]
    public async Task Settings_DisablingTheDefault_IsRefusedAndEnablingUnknownExplains()
    {
        await using var host = new EngineHost(new StubScript("two", 20, 2));
        using var scope = host.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<AcrSettingsStore>();

        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => store.SetEnabledAsync("nope", true, default));
        Assert.Contains("Known: ", unknown.Message, StringComparison.Ordinal);
        var notEnabled = await Assert.ThrowsAsync<ArgumentException>(() => store.SetDefaultAcrAsync("two", default));
        Assert.Contains("acr enable two", notEnabled.Message, StringComparison.Ordinal);

        await store.SetEnabledAsync("two", true, default);
        await store.SetDefaultAcrAsync("two", default);
        var snapshot = await store.LoadFreshSnapshotAsync(default);
        Assert.Equal("two", snapshot.DefaultAcr);
        Assert.Equal(["pwd", "two"], snapshot.Catalog.Enabled.Select(e => e.Acr));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SetEnabledAsync("two", false, default));
    }
}
