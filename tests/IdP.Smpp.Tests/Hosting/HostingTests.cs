using IdP.Smpp.Hosting;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public void Validator_InvalidOptions_FailsWithEveryMessage()
    {
        var result = new SmppClientOptionsValidator().Validate(null, new SmppClientOptions { SystemId = "", Port = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Smpp:SystemId", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Smpp:Port", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_ValidOptions_Succeeds()
    {
        Assert.True(new SmppClientOptionsValidator().Validate(null, new SmppClientOptions { SystemId = "idp" }).Succeeded);
    }

    [Fact]
    public async Task HostedServices_StartAndStop_BindAndUnbind()
    {
        var simulator = new IdP.Smpp.Simulator.SmscSimulator(new IdP.Smpp.Simulator.SmscSimulatorOptions());
        var simulatorService = new SmscSimulatorHostedService(simulator);
        await simulatorService.StartAsync(CancellationToken.None);
        var client = new SmppClient(Smsc.ClientOptions(simulator));
        var clientService = new SmppClientHostedService(client);

        await clientService.StartAsync(CancellationToken.None);
        await client.WaitUntilBoundAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        await clientService.StopAsync(CancellationToken.None);

        Assert.Equal(SmppSessionState.Closed, client.State);
        Assert.True(await Smsc.EventuallyAsync(() => simulator.ActiveSessions == 0));
        await simulatorService.StopAsync(CancellationToken.None);
    }
}
