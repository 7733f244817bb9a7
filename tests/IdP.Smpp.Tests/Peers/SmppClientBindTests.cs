using Xunit.Abstractions;

namespace IdP.Smpp.Tests.Peers;

/// <summary>Binding our SmppClient to the independent node-smpp SMSC (tests/peers/smsc.js).</summary>
public sealed class SmppClientBindTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StartAsync_ValidCredentials_BindsTransceiverAndReportsState()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { SystemId = PeerSession.SystemId, Password = PeerSession.Password });
        var states = new List<SmppSessionState>();
        var options = PeerSession.Options(smsc);

        await using var client = new SmppClient(options, new TestOutputLogger<SmppClient>(output));
        client.ConnectionStateChanged += (_, e) => { lock (states) { states.Add(e.Current); } };
        await client.StartAsync(PeerSession.TimeoutToken());
        await client.WaitUntilBoundAsync(PeerSession.TimeoutToken());

        Assert.Equal(SmppSessionState.BoundTransceiver, client.State);
        lock (states)
        {
            Assert.Contains(SmppSessionState.BoundTransceiver, states);
        }

        var bind = await smsc.WaitForEventAsync(e => e.Event == "bind", PeerSession.Timeout);
        Assert.Equal("bind_transceiver", bind.Str("command"));
        Assert.Equal(PeerSession.SystemId, bind.Str("system_id"));
        Assert.Equal(0x34, bind.Int("interface_version"));
        Assert.Equal(0, bind.Int("result"));
        Assert.Equal(1, client.Counters.Binds);
    }

    [Fact]
    public async Task StartAsync_TransmitterAndReceiver_TwoBindsAndReceiptArrivesOnReceiver()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { Receipts = "tlv" });
        var options = PeerSession.Options(smsc, o => o.BindMode = SmppBindMode.TransmitterAndReceiver);
        await using var client = await PeerSession.StartBoundAsync(options, output, smsc);
        var collector = new ReceiptCollector(client);

        var binds = await smsc.WaitForEventsAsync(e => e.Event == "bind" && e.Int("result") == 0, 2, PeerSession.Timeout);
        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code 2" }, PeerSession.TimeoutToken());

        Assert.Equal(["bind_receiver", "bind_transmitter"], binds.Select(b => b.Str("command")).Order());
        var transmitter = binds.Single(b => b.Str("command") == "bind_transmitter").Int("session");
        var receiver = binds.Single(b => b.Str("command") == "bind_receiver").Int("session");
        var submit = await smsc.WaitForEventAsync(e => e.Event == "submit", PeerSession.Timeout);
        Assert.Equal(transmitter, submit.Int("session"));
        await collector.WaitForAsync(r => r.MessageId == result.MessageIds[0], 1, PeerSession.Timeout, () => smsc.Diagnostics());
        var ack = await smsc.WaitForEventAsync(e => e.Event == "deliver_resp", PeerSession.Timeout);
        Assert.Equal(receiver, ack.Int("session"));
        Assert.Equal(0, ack.Int("status"));
    }

    [Fact]
    public async Task StartAsync_WrongPassword_ReportsRejectionWithoutTightReconnectLoop()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { SystemId = PeerSession.SystemId, Password = PeerSession.Password });
        var reasons = new List<string>();
        var options = PeerSession.Options(smsc, o =>
        {
            o.Password = "wrong-pw";
            o.ReconnectMinDelay = TimeSpan.FromMilliseconds(50);
            o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
            o.CredentialErrorDelay = TimeSpan.FromMinutes(5);
        });

        await using var client = new SmppClient(options, new TestOutputLogger<SmppClient>(output));
        client.ConnectionStateChanged += (_, e) => { lock (reasons) { reasons.Add($"{e.Current}: {e.Reason}"); } };
        await client.StartAsync(PeerSession.TimeoutToken());

        var bind = await smsc.WaitForEventAsync(e => e.Event == "bind", PeerSession.Timeout);
        Assert.Equal(0x0E, bind.Int("result")); // ESME_RINVPASWD from node-smpp's side

        // Observation window: with a 50-200 ms reconnect delay a client that ignored the credential
        // error would bind ~10 more times in 2 s; CredentialErrorDelay (5 min) must apply instead.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var binds = smsc.Events.Count(e => e.Event == "bind");
        Assert.True(binds == 1, $"expected exactly one bind attempt after ESME_RINVPASWD, saw {binds}. {smsc.Diagnostics()}");
        Assert.NotEqual(SmppSessionState.BoundTransceiver, client.State);
        Assert.True(client.Counters.BindFailures >= 1, "Counters.BindFailures should count the rejected bind");
        lock (reasons)
        {
            // The state change tells an operator why: the SMSC's status, by name.
            Assert.Contains(reasons, r => r.StartsWith(nameof(SmppSessionState.Closed), StringComparison.Ordinal) && r.Contains("ESME_RINVPASWD", StringComparison.Ordinal));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitUntilBoundAsync(cts.Token));
    }

    [Fact]
    public async Task ProbeAsync_ValidCredentials_ReturnsBoundWithSmscSystemId()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { SystemId = PeerSession.SystemId, Password = PeerSession.Password });

        var result = await SmppClient.ProbeAsync(PeerSession.Options(smsc), PeerSession.TimeoutToken());

        Assert.True(result.Success, result.Message);
        Assert.Equal(BindProbeOutcome.Bound, result.Outcome);
        Assert.Equal("NODESMSC", result.SmscSystemId);
        await smsc.WaitForEventAsync(e => e.Event == "unbind", PeerSession.Timeout);
    }

    [Fact]
    public async Task ProbeAsync_WrongPassword_ReturnsCredentialsRejected()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { SystemId = PeerSession.SystemId, Password = PeerSession.Password });

        var result = await SmppClient.ProbeAsync(PeerSession.Options(smsc, o => o.Password = "nope"), PeerSession.TimeoutToken());

        Assert.False(result.Success);
        Assert.Equal(BindProbeOutcome.CredentialsRejected, result.Outcome);
        Assert.Equal(0x0Eu, (uint?)result.CommandStatus);
        Assert.Contains("password", result.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StopAsync_Bound_UnbindsGracefully()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions());
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(smsc), output, smsc);

        await client.StopAsync(PeerSession.TimeoutToken());

        await smsc.WaitForEventAsync(e => e.Event == "unbind", PeerSession.Timeout);
        await smsc.WaitForEventAsync(e => e.Event == "close", PeerSession.Timeout);
        Assert.Equal(SmppSessionState.Closed, client.State);
    }

    [Fact]
    public async Task PeerUnbind_WhileBound_ClientAnswersAndRebinds()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions());
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(smsc), output, smsc);

        await smsc.SendCommandAsync(new { cmd = "unbind" });

        await smsc.WaitForEventAsync(e => e.Event == "unbind_resp", PeerSession.Timeout);
        await smsc.WaitForEventsAsync(e => e.Event == "bind" && e.Int("result") == 0, 2, PeerSession.Timeout);
        await client.WaitUntilBoundAsync(PeerSession.TimeoutToken());
        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "after rebind" }, PeerSession.TimeoutToken());
        var submit = await smsc.WaitForEventAsync(e => e.Event == "submit" && e.Str("text") == "after rebind", PeerSession.Timeout);
        Assert.Equal(submit.Str("message_id"), Assert.Single(result.MessageIds));
    }

    [Fact]
    public async Task EnquireLink_IdleSession_ClientSendsKeepAlive()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions());
        var options = PeerSession.Options(smsc, o => o.EnquireLinkInterval = TimeSpan.FromMilliseconds(300));
        await using var client = await PeerSession.StartBoundAsync(options, output, smsc);

        await smsc.WaitForEventsAsync(e => e.Event == "enquire_link", 2, PeerSession.Timeout);

        Assert.Equal(SmppSessionState.BoundTransceiver, client.State);
    }
}
