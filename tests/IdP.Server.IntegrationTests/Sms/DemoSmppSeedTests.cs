using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.Server.Hosting;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static IdP.Server.IntegrationTests.Sms.SmppTestSettings;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>
/// The embedded default points the <c>smpp</c> script at its built-in SMSC simulator and enables it (the default acr
/// stays <c>pwd</c>), so SMS sign-in can be tried at once; the demo page links to <c>/dev/sms</c>.
/// </summary>
public sealed class DemoSmppSeedTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    [Fact]
    public async Task EmbeddedDefault_SimulatorRuns_SmppScriptPointsAtItAndFollowsItsPort()
    {
        var settings = SmsServerFixture.FastGatewaySettings("demo-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var (key, value) in _data.EmbeddedDefaultSettings())
        {
            settings[key] = value;
        }

        settings["IdP:SmscSimulator:Port"] = "0";
        await using (var server = new IdPServer(settings).Start())
        {
            var simulator = server.Services.GetRequiredService<DevelopmentSmsc>().Simulator;
            Assert.NotNull(simulator);
            var (snapshot, configuration) = await ReadSmppAsync(server);

            Assert.Contains(SmppScript.AcrValue, snapshot.EnabledAcrs);
            Assert.Equal("pwd", snapshot.DefaultAcr);
            Assert.Equal("127.0.0.1", configuration.Host);
            Assert.Equal(simulator.Port, configuration.PortNumber);
            Assert.Equal(DevelopmentSmsc.SystemId, configuration.SystemIdValue);
            Assert.Equal(DevelopmentSmsc.Password, configuration.PasswordValue);
            await WaitUntilReadyAsync(server, $"127.0.0.1:{simulator.Port}");
            var sent = await server.Services.GetRequiredService<ISmsSender>().SendAsync(new SmsSendRequest("+4915112345678", "Demo code 424242"), CancellationToken.None);
            Assert.Equal(SmsSendOutcome.Accepted, sent.Outcome);
            await simulator.WaitForMessageAsync(m => m.Text == "Demo code 424242", Patience);

            using var client = server.CreateOidcClient();
            var demo = await client.NavigateAsync("/demo");
            Assert.True(demo.HasElement("demo-dev-sms"), demo.ToString());
            var page = System.Net.WebUtility.HtmlDecode(await client.Http.GetStringAsync("/dev/sms"));
            Assert.Contains("Demo code 424242", page, StringComparison.Ordinal);
        }

        // Port 0 gives the simulator another port after a restart: the script follows it (an admin's own values would stay).
        await using var restarted = new IdPServer(settings).Start();
        var moved = restarted.Services.GetRequiredService<DevelopmentSmsc>().Simulator;
        Assert.NotNull(moved);
        var (_, after) = await ReadSmppAsync(restarted);
        Assert.Equal(moved.Port, after.PortNumber);
        await WaitUntilReadyAsync(restarted, $"127.0.0.1:{moved.Port}");
    }

    private static async Task<(Authentication.Engine.EngineSnapshot Snapshot, SmppScriptSettings Settings)> ReadSmppAsync(IdPServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AcrSettingsStore>();
        var script = scope.ServiceProvider.GetRequiredService<ScriptRegistry>().Find(SmppScript.AcrValue)!.Script;
        var snapshot = await store.LoadFreshSnapshotAsync(CancellationToken.None);
        return (snapshot, SmppScriptSettings.From(await store.GetConfigurationAsync(script, CancellationToken.None)));
    }

    public void Dispose() => _data.Dispose();
}
