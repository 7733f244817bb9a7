using System.Collections.Concurrent;
using IdP.Smpp.Pdus;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Session;

public sealed class SmppClientBindTests
{
    [Theory]
    [InlineData(SmppBindMode.Transceiver, SmppSessionState.BoundTransceiver)]
    [InlineData(SmppBindMode.Transmitter, SmppSessionState.BoundTransmitter)]
    [InlineData(SmppBindMode.TransmitterAndReceiver, SmppSessionState.BoundTransmitter)]
    public async Task StartAsync_ValidCredentials_BindsAndReportsStates(SmppBindMode mode, SmppSessionState expected)
    {
        await using var smsc = await Smsc.StartAsync();
        var options = Smsc.ClientOptions(smsc, o => o.BindMode = mode);
        var client = new SmppClient(options);
        var states = new ConcurrentQueue<SmppSessionState>();
        client.ConnectionStateChanged += (_, e) => states.Enqueue(e.Current);

        await client.StartAsync(CancellationToken.None);
        await client.WaitUntilBoundAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);

        Assert.Equal(expected, client.State);
        Assert.Equal([SmppSessionState.Open, expected], states.ToArray());
        Assert.Equal(mode == SmppBindMode.TransmitterAndReceiver ? 2 : 1, smsc.ActiveSessions);

        await client.StopAsync(CancellationToken.None);

        Assert.Equal(SmppSessionState.Closed, client.State);
        Assert.Contains(SmppSessionState.Unbinding, states);
        Assert.True(await Smsc.EventuallyAsync(() => smsc.ActiveSessions == 0));
    }

    [Fact]
    public async Task StartAsync_BadPassword_StaysClosedWithoutTightReconnectLoop()
    {
        await using var smsc = await Smsc.StartAsync();
        var logger = new CapturingLogger<SmppClient>();
        var options = Smsc.ClientOptions(smsc, o => o.Password = "wrong-password");
        await using var client = await Smsc.StartClientAsync(options, logger, waitForBind: false);

        Assert.True(await Smsc.EventuallyAsync(() => client.Counters.BindFailures == 1));
        await Task.Delay(1500);

        Assert.Equal(1, client.Counters.BindFailures);
        Assert.Equal(0, client.Counters.Binds);
        Assert.Equal(SmppSessionState.Closed, client.State);
        var error = Assert.Single(logger.Entries, e => e.EventId.Id == 1101);
        Assert.Contains("ESME_RINVPASWD", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check Smpp:SystemId, Smpp:Password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", logger.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_NeverBound_FailsWithNotBoundAfterWaitTimeout()
    {
        await using var smsc = await Smsc.StartAsync();
        var options = Smsc.ClientOptions(smsc, o =>
        {
            o.Password = "wrong-password";
            o.BindWaitTimeout = TimeSpan.FromMilliseconds(500);
        });
        await using var client = await Smsc.StartClientAsync(options, waitForBind: false);

        var ex = await Assert.ThrowsAsync<SmppNotBoundException>(() => client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None));

        Assert.Contains("ESME_RINVPASWD", ex.Message, StringComparison.Ordinal);
        Assert.Empty(smsc.Messages);
    }

    [Fact]
    public async Task SubmitAsync_SmscGoneAfterBind_FailsNotBoundWithinWaitTimeout()
    {
        var smsc = await Smsc.StartAsync();
        var options = Smsc.ClientOptions(smsc, o => o.BindWaitTimeout = TimeSpan.FromMilliseconds(500));
        await using var client = await Smsc.StartClientAsync(options);
        await smsc.StopAsync();
        var started = DateTime.UtcNow;

        await Assert.ThrowsAsync<SmppNotBoundException>(() => client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
        Assert.Empty(smsc.Messages);
    }

    [Fact]
    public async Task SubmitAsync_IssuedBeforeBind_WaitsForBindThenSends()
    {
        await using var smsc = await Smsc.StartAsync();
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc), waitForBind: false);

        var result = await client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);

        Assert.Single(result.MessageIds);
        Assert.Single(smsc.Messages);
    }

    [Fact]
    public async Task SubmitAsync_Cancelled_WhileWaitingForBind_Throws()
    {
        await using var smsc = await Smsc.StartAsync();
        var options = Smsc.ClientOptions(smsc, o => o.Password = "wrong-password");
        await using var client = await Smsc.StartClientAsync(options, waitForBind: false);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SubmitAsync(Smsc.Message("491700000001"), cts.Token));
    }

    [Fact]
    public async Task Client_PeerUnbinds_AnswersAndRebinds()
    {
        await using var smsc = await Smsc.StartAsync();
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));

        smsc.UnbindAll();

        Assert.True(await Smsc.EventuallyAsync(() => client.Counters.Binds == 2 && client.State == SmppSessionState.BoundTransceiver));
        Assert.Equal(1, client.Counters.Reconnects);
        var result = await client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);
        Assert.Single(result.MessageIds);
    }

    [Fact]
    public async Task Client_Idle_SendsEnquireLinkAndStaysBound()
    {
        await using var smsc = await Smsc.StartAsync();
        var options = Smsc.ClientOptions(smsc, o => o.EnquireLinkInterval = TimeSpan.FromMilliseconds(200));
        await using var client = await Smsc.StartClientAsync(options);

        Assert.True(await Smsc.EventuallyAsync(() => smsc.EnquireLinksReceived >= 2));
        Assert.Equal(SmppSessionState.BoundTransceiver, client.State);
        Assert.Equal(1, client.Counters.Binds);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new SmppClientOptions { Host = "", SystemId = "", WindowSize = 0 };

        var ex = Assert.Throws<InvalidOperationException>(() => new SmppClient(options));

        Assert.Contains("Host", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SystemId", ex.Message, StringComparison.Ordinal);
        Assert.Contains("WindowSize", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_ValidCredentials_ReportsBoundWithSmscSystemId()
    {
        await using var smsc = await Smsc.StartAsync(o => o.SystemId = "SIMSMSC");

        var result = await SmppClient.ProbeAsync(Smsc.ClientOptions(smsc), CancellationToken.None);

        Assert.True(result.Success, result.Message);
        Assert.Equal("SIMSMSC", result.SmscSystemId);
        Assert.Contains("SIMSMSC", result.Message, StringComparison.Ordinal);
        Assert.True(await Smsc.EventuallyAsync(() => smsc.ActiveSessions == 0));
    }

    [Theory]
    [InlineData("idp", "bad", CommandStatus.InvalidPassword)]
    [InlineData("nobody", "x", CommandStatus.InvalidSystemId)]
    public async Task ProbeAsync_RejectedCredentials_SaysSo(string systemId, string password, CommandStatus expected)
    {
        await using var smsc = await Smsc.StartAsync();

        var result = await SmppClient.ProbeAsync(Smsc.ClientOptions(smsc, o => { o.SystemId = systemId; o.Password = password; }), CancellationToken.None);

        Assert.Equal(BindProbeOutcome.CredentialsRejected, result.Outcome);
        Assert.Equal(expected, result.CommandStatus);
        Assert.Contains("rejected the credentials", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_NothingListening_ReportsUnreachable()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await SmppClient.ProbeAsync(new SmppClientOptions { Host = "127.0.0.1", Port = port, SystemId = "idp" }, CancellationToken.None);

        Assert.Equal(BindProbeOutcome.Unreachable, result.Outcome);
        Assert.Contains($"127.0.0.1:{port}", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_SilentPeer_ReportsTimeout()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            var options = new SmppClientOptions { Host = "127.0.0.1", Port = port, SystemId = "idp", BindTimeout = TimeSpan.FromMilliseconds(500) };

            var result = await SmppClient.ProbeAsync(options, CancellationToken.None);

            Assert.Equal(BindProbeOutcome.Timeout, result.Outcome);
        }
        finally
        {
            listener.Stop();
        }
    }
}
