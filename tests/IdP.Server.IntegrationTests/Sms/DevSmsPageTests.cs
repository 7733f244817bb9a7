using System.Net;
using IdP.Authentication.Sms;
using IdP.Server.Hosting;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static IdP.Server.IntegrationTests.Sms.SmppTestSettings;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>
/// <c>/dev/sms</c>: where the built-in SMSC simulator runs in the process (here explicitly enabled; Development alone no
/// longer starts it) it lists, to a client on this machine, what the simulator received, newest first, with the full
/// text; without the simulator it does not exist.
/// </summary>
public sealed class DevSmsPageTests
{
    [Fact]
    public async Task DevSmsPage_SimulatorEnabled_ListsTheSimulatorsMessagesNewestFirst()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);
        foreach (var (key, value) in SmsServerFixture.FastGatewaySettings("dev-sms-" + Guid.NewGuid().ToString("N")[..8]))
        {
            settings[key] = value;
        }

        settings["IdP:SmscSimulator:Enabled"] = "true";
        settings["IdP:SmscSimulator:Port"] = "0";
        await using var server = new IdPServer(settings).Start();
        var simulator = server.Services.GetRequiredService<DevelopmentSmsc>().Simulator;
        Assert.NotNull(simulator);
        await ConfigureAsync(server, simulator.Port, DevelopmentSmsc.SystemId, DevelopmentSmsc.Password, enable: true);
        await WaitUntilReadyAsync(server, $"127.0.0.1:{simulator.Port}");
        var sender = server.Services.GetRequiredService<ISmsSender>();

        var first = await sender.SendAsync(new SmsSendRequest("+4915112345678", "First: 111111 is your code"), CancellationToken.None);
        await simulator.WaitForMessageAsync(m => m.Text.StartsWith("First", StringComparison.Ordinal), Patience);
        var second = await sender.SendAsync(new SmsSendRequest("+4915112345679", "Second: 222222 is your code\n\n@localhost #222222"), CancellationToken.None);
        await simulator.WaitForMessageAsync(m => m.Text.StartsWith("Second", StringComparison.Ordinal), Patience);
        using var client = server.CreateOidcClient();
        using var response = await client.Http.GetAsync("/dev/sms");
        var raw = await response.Content.ReadAsStringAsync();
        var html = WebUtility.HtmlDecode(raw);

        Assert.Equal(SmsSendOutcome.Accepted, first.Outcome);
        Assert.Equal(SmsSendOutcome.Accepted, second.Outcome);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("First: 111111 is your code", html, StringComparison.Ordinal);
        Assert.Contains("Second: 222222 is your code\n\n@localhost #222222", html, StringComparison.Ordinal);
        Assert.Contains("+4915112345678", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("Second:", StringComparison.Ordinal) < html.IndexOf("First:", StringComparison.Ordinal), "newest first");
        Assert.Contains("id=\"dev-sms-refresh\" href=\"/dev/sms\"", raw, StringComparison.Ordinal);
        Assert.Contains("BoundTransceiver", html, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "codes must not be cached");
    }

    [Fact]
    public async Task DevSmsPage_SimulatorOff_IsNotFound()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new IdPServer(IdPServer.PostgresSettings(database.ConnectionString)).Start();
        using var client = server.CreateOidcClient();

        using var response = await client.Http.GetAsync("/dev/sms");

        Assert.Null(server.Services.GetService<DevelopmentSmsc>());
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
