using Xunit.Abstractions;

namespace IdP.Smpp.Tests.Peers;

/// <summary>SMPP over TLS against node-smpp's TLS server (smpp.createServer({key, cert})).</summary>
public sealed class SmppClientTlsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestCertificate _certificate = null!;
    private NodeSmscProcess _smsc = null!;

    public async Task InitializeAsync()
    {
        _certificate = TestCertificate.Create();
        _smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { TlsKeyPath = _certificate.KeyPath, TlsCertPath = _certificate.CertPath, Receipts = "tlv" });
    }

    public async Task DisposeAsync()
    {
        await _smsc.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task SubmitAsync_TlsWithPinnedCertificate_BindsSubmitsAndReceivesReceipt()
    {
        var options = PeerSession.Options(_smsc, o =>
        {
            o.UseTls = true;
            o.TlsTargetHost = "localhost";
            o.TlsPinnedCertificateThumbprint = _certificate.Thumbprint;
        });
        await using var client = await PeerSession.StartBoundAsync(options, output, _smsc);
        var collector = new ReceiptCollector(client);

        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "TLS € code" }, PeerSession.TimeoutToken());

        var submit = await _smsc.WaitForEventAsync(e => e.Event == "submit", PeerSession.Timeout);
        Assert.Equal("TLS € code", submit.Str("text"));
        Assert.Equal(submit.Str("message_id"), result.MessageIds[0]);
        await collector.WaitForAsync(r => r.MessageId == result.MessageIds[0], 1, PeerSession.Timeout, () => _smsc.Diagnostics());
    }

    [Fact]
    public async Task ProbeAsync_TlsWithWrongPin_DoesNotBind()
    {
        var options = PeerSession.Options(_smsc, o =>
        {
            o.UseTls = true;
            o.TlsTargetHost = "localhost";
            o.TlsPinnedCertificateThumbprint = new string('A', 40);
        });

        var result = await SmppClient.ProbeAsync(options, PeerSession.TimeoutToken());

        Assert.False(result.Success, result.Message);
        Assert.Equal(BindProbeOutcome.TlsMismatch, result.Outcome);
        Assert.DoesNotContain(_smsc.Events, e => e.Event == "bind");
    }

    [Fact]
    public async Task ProbeAsync_TlsUntrustedCertificateWithoutPinOrOptIn_DoesNotBind()
    {
        var options = PeerSession.Options(_smsc, o =>
        {
            o.UseTls = true;
            o.TlsTargetHost = "localhost";
        });

        var result = await SmppClient.ProbeAsync(options, PeerSession.TimeoutToken());

        Assert.False(result.Success, result.Message);
        Assert.Equal(BindProbeOutcome.TlsMismatch, result.Outcome);
        Assert.DoesNotContain(_smsc.Events, e => e.Event == "bind");
    }

    [Fact]
    public async Task ProbeAsync_PlainClientAgainstTlsPort_ReportsMismatchWithoutHanging()
    {
        var options = PeerSession.Options(_smsc, o => o.BindTimeout = TimeSpan.FromSeconds(3));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await SmppClient.ProbeAsync(options, PeerSession.TimeoutToken());

        Assert.False(result.Success, result.Message);
        Assert.Contains(result.Outcome, new[] { BindProbeOutcome.ConnectionClosed, BindProbeOutcome.ProtocolMismatch, BindProbeOutcome.TlsMismatch });
        Assert.Contains("TLS", result.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"probe took {started.Elapsed}");
        Assert.DoesNotContain(_smsc.Events, e => e.Event == "bind");
    }
}
