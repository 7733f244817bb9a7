using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.Security;

namespace IdP.Server.IntegrationTests.RateLimits;

/// <summary><c>IdP:RateLimits</c> is checked at start, with messages an operator can act on; the defaults are the documented ones.</summary>
public sealed class RateLimitOptionsTests
{
    [Theory]
    [InlineData("IdP:RateLimits:PasswordStep:PermitLimit", "0", "IdP:RateLimits:PasswordStep:PermitLimit 0 must be between 1 and")]
    [InlineData("IdP:RateLimits:FlowStart:Window", "02:00:00", "IdP:RateLimits:FlowStart:Window 02:00:00 must be between")]
    public async Task Start_InvalidRateLimit_FailsWithClearMessage(string key, string value, string expected)
    {
        var settings = IdPServer.PostgresSettings("Host=127.0.0.1;Port=1;Database=unused;Username=nobody;Password=none");
        settings[key] = value;
        await using var server = new IdPServer(settings);

        var error = Assert.ThrowsAny<Exception>(() => server.Start());

        Assert.Contains(expected, StartupFailure.Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new RateLimitOptions();

        Assert.Equal(20, options.PasswordStep.PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(1), options.PasswordStep.Window);
        Assert.Equal(60, options.FlowStart.PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(1), options.FlowStart.Window);
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    public void AddressKey_GroupsIPv6ByItsSlash64(string address, string key)
    {
        // Attack: rotating through the 2^64 addresses of one IPv6 subscriber to dodge a per-address limit.
        Assert.Equal(key, SignInRateLimits.AddressKey(System.Net.IPAddress.Parse(address)));
    }
}
