using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.RateLimits;

/// <summary>
/// Attack: an anonymous client floods the entry points that create sign-in flows (a database row each):
/// <c>/account/login</c>, <c>/connect/authorize</c> and the chooser's POST (resource exhaustion, ASVS 5
/// V2.4.1). They share one <c>FlowStart</c> budget per client address (configured small here); past it
/// they answer 429 and create nothing, while other addresses go on.
/// </summary>
public sealed class FlowStartRateLimitTests(ConfiguredRateLimitsFixture fixture) : IClassFixture<ConfiguredRateLimitsFixture>
{
    private IdPServer Server => fixture.Server;

    private Task<long> FlowCountAsync() => fixture.Database.CountAsync("SELECT count(*) FROM \"IdPLoginFlows\"");

    [Fact]
    public async Task AnonymousFlowStarts_OverTheConfiguredLimit_Get429AndCreateNoFlow_AnotherAddressIsUnaffected()
    {
        var rp = await Server.CreateClientAsync();
        using var flooder = LoopbackClient.From(Server, "127.0.0.4");
        var authorize = AuthorizeRequest.For(rp).ToPathAndQuery();

        for (var i = 0; i < ConfiguredRateLimitsFixture.FlowStarts; i++)
        {
            using var allowed = await flooder.GetAsync(i % 2 == 0 ? "/account/login" : authorize);
            Assert.True((int)allowed.StatusCode is 200 or 302, $"request {i + 1}: {(int)allowed.StatusCode}");
        }

        var flows = await FlowCountAsync();
        using (var login = await flooder.GetAsync("/account/login"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, login.StatusCode);
            Assert.NotNull(login.Headers.RetryAfter?.Delta);
        }

        using (var authorizeAgain = await flooder.GetAsync(authorize))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, authorizeAgain.StatusCode);
        }

        using (var choose = await flooder.PostAsync("/account/choose?returnUrl=" + Uri.EscapeDataString(authorize),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["acr"] = "pwd" })))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, choose.StatusCode);
        }

        Assert.Equal(flows, await FlowCountAsync());

        using var other = LoopbackClient.From(Server, "127.0.0.5");
        using var elsewhere = await other.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.StartsWith("/account/login", elsewhere.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>Signed-in people are not anonymous flow creators: their single sign-on hops are never counted.</summary>
    [Fact]
    public async Task SignedInAuthorizeRequests_AreNotCounted()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var browser = Server.CreateOidcClient();
        await browser.SignInAndExchangeAsync(rp, user);

        for (var i = 0; i < ConfiguredRateLimitsFixture.FlowStarts + 2; i++)
        {
            var landing = await browser.AuthorizeAsync(AuthorizeRequest.For(rp));
            Assert.True(landing.Callback.ContainsKey("code"), $"single sign-on {i + 1}: {landing}");
        }
    }
}
