using System.Net;

namespace IdP.Smpp.Tests.Session;

/// <summary>
/// Which connected addresses a session without TLS may use without a warning: only those that do not cross the
/// public internet. Everything else warns at bind (the password and every code would cross it in clear).
/// </summary>
public sealed class SmppNetworkTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("::1")]
    [InlineData("10.0.0.5")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.20")]
    [InlineData("169.254.10.1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("::ffff:10.1.2.3")]
    [InlineData("::ffff:127.0.0.1")]
    public void IsPrivate_LoopbackRfc1918LinkLocalUniqueLocal_True(string address) =>
        Assert.True(SmppNetwork.IsPrivate(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("100.64.0.1")] // carrier-grade NAT: a provider's network, not ours
    [InlineData("169.255.0.1")]
    [InlineData("2001:db8::1")]
    [InlineData("2a00:1450:4001::200e")]
    [InlineData("fe00::1")]
    [InlineData("::ffff:203.0.113.7")]
    public void IsPrivate_PublicAddresses_False(string address) =>
        Assert.False(SmppNetwork.IsPrivate(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("203.0.113.7", true)]
    [InlineData("10.0.0.5", false)]
    [InlineData("smsc.example.net", false)] // a name is judged at bind, on the address connected to
    public void GetWarnings_UseTlsOff_WarnsAtStartOnlyForAPublicAddressLiteral(string host, bool warns)
    {
        var options = new SmppClientOptions { Host = host, SystemId = "idp", UseTls = false };

        Assert.Equal(warns, options.GetWarnings().Any(w => w.Contains("UseTls", StringComparison.Ordinal)));
        options.UseTls = true;
        Assert.DoesNotContain(options.GetWarnings(), w => w.Contains("UseTls", StringComparison.Ordinal));
    }
}
