using IdP.Server.Hosting;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Smpp;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>The built-in SMSC simulator runs with the server when enabled and takes SMS over SMPP.</summary>
public sealed class DevelopmentSmscTests
{
    [Fact]
    public async Task DevelopmentSmsc_Enabled_AcceptsBindAndSubmitFromOurClient()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);
        settings["IdP:SmscSimulator:Enabled"] = "true";
        settings["IdP:SmscSimulator:Port"] = "0";
        await using var server = new IdPServer(settings).Start();
        var simulator = server.Services.GetRequiredService<DevelopmentSmsc>().Simulator;
        Assert.NotNull(simulator);

        await using var client = new SmppClient(new SmppClientOptions
        {
            Host = "127.0.0.1",
            Port = simulator.Port,
            SystemId = DevelopmentSmsc.SystemId,
            Password = DevelopmentSmsc.Password,
            SourceAddress = "IdP",
        });
        await client.StartAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.WaitUntilBoundAsync(timeout.Token);
        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code 123456 @idp" }, timeout.Token);
        var received = await simulator.WaitForMessageAsync(m => m.Destination == "4915112345678", TimeSpan.FromSeconds(30));

        Assert.Single(result.MessageIds);
        Assert.Equal("Code 123456 @idp", received.Text);
        await client.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DevelopmentSmsc_OffOutsideTheEmbeddedDefault()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new IdPServer(IdPServer.PostgresSettings(database.ConnectionString)).Start();

        Assert.Null(server.Services.GetService<DevelopmentSmsc>());
    }
}
