using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Session;

public sealed class SmppClientTlsTests : IDisposable
{
    private readonly X509Certificate2 _certificate = SelfSignedCertificate.Create();

    public void Dispose() => _certificate.Dispose();

    [Fact]
    public async Task SubmitAsync_OverTlsWithUntrustedAllowed_Works()
    {
        await using var smsc = await Smsc.StartAsync(o => o.ServerCertificate = _certificate);
        var options = Smsc.ClientOptions(smsc, o =>
        {
            o.UseTls = true;
            o.TlsTargetHost = "localhost";
            o.TlsAllowUntrustedCertificate = true;
        });
        await using var client = await Smsc.StartClientAsync(options);

        var result = await client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);

        Assert.Single(result.MessageIds);
        Assert.Equal("Your code is 123456", Assert.Single(smsc.Messages).Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ProbeAsync_PinnedThumbprint_AcceptsOnlyTheMatchingCertificate(bool matching)
    {
        await using var smsc = await Smsc.StartAsync(o => o.ServerCertificate = _certificate);
        string pin = matching ? _certificate.GetCertHashString(HashAlgorithmName.SHA256) : new string('A', 64);
        var options = Smsc.ClientOptions(smsc, o =>
        {
            o.UseTls = true;
            o.TlsTargetHost = "localhost";
            o.TlsPinnedCertificateThumbprint = pin;
        });

        var result = await SmppClient.ProbeAsync(options, CancellationToken.None);

        Assert.Equal(matching ? BindProbeOutcome.Bound : BindProbeOutcome.TlsMismatch, result.Outcome);
    }

    [Fact]
    public async Task ProbeAsync_UntrustedCertificateWithoutOptIn_ReportsTlsFailure()
    {
        await using var smsc = await Smsc.StartAsync(o => o.ServerCertificate = _certificate);
        var options = Smsc.ClientOptions(smsc, o =>
        {
            o.UseTls = true;
            o.TlsTargetHost = "localhost";
        });

        var result = await SmppClient.ProbeAsync(options, CancellationToken.None);

        Assert.Equal(BindProbeOutcome.TlsMismatch, result.Outcome);
        Assert.Contains("TLS handshake", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_TlsClientAgainstPlainServer_ReportsTlsMismatch()
    {
        var logger = new CapturingLogger<IdP.Smpp.Simulator.SmscSimulator>();
        await using var smsc = await Smsc.StartAsync(logger: logger);
        var options = Smsc.ClientOptions(smsc, o =>
        {
            o.UseTls = true;
            o.TlsAllowUntrustedCertificate = true;
        });

        var result = await SmppClient.ProbeAsync(options, CancellationToken.None);

        Assert.Equal(BindProbeOutcome.TlsMismatch, result.Outcome);
        Assert.True(await Smsc.EventuallyAsync(() => logger.AllText.Contains("TLS record", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ProbeAsync_PlainClientAgainstTlsServer_FailsWithHint()
    {
        await using var smsc = await Smsc.StartAsync(o => o.ServerCertificate = _certificate);
        var options = Smsc.ClientOptions(smsc, o => o.BindTimeout = TimeSpan.FromSeconds(2));

        var result = await SmppClient.ProbeAsync(options, CancellationToken.None);

        Assert.False(result.Success);
        Assert.Contains(result.Outcome, new[] { BindProbeOutcome.TlsMismatch, BindProbeOutcome.ConnectionClosed, BindProbeOutcome.Timeout });
        Assert.Contains("TLS", result.Message, StringComparison.Ordinal);
    }
}
