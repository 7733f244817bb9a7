using System.Net;
using IdP.Authentication.Sms;
using IdP.Server.IntegrationTests.Admin;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Sms;
using IdP.Server.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>
/// A server behind a reverse proxy (<c>IdP:ForwardedHeaders:Enabled</c>; loopback is the trusted proxy by default)
/// whose <c>smpp</c> script points at a port where nothing listens, so <c>/health</c> is Degraded with a reason that
/// names the SMSC's host:port and the connect error.
/// </summary>
public sealed class HealthServerFixture : AdminServerFixture
{
    /// <summary>Nothing listens here: the node stays NotBound.</summary>
    public int SmscPort { get; } = SmscPeer.FreePort();

    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        foreach (var (key, value) in SmsServerFixture.FastGatewaySettings("health-" + Guid.NewGuid().ToString("N")[..8]))
        {
            settings[key] = value;
        }

        settings["IdP:ForwardedHeaders:Enabled"] = "true";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SmppTestSettings.ConfigureAsync(Server, SmscPort, "health", "health-pw", enable: true);
        var sender = Server.Services.GetRequiredService<ISmsSender>();
        await SmppTestSettings.WaitUntilAsync(() => sender.Status.State == GatewayStates.NotBound, () => $"the node reports NotBound; status: {sender.Status}");
    }
}

/// <summary>
/// Attack: reconnaissance through <c>/health</c>. Its detail names the SMSC's host:port and the last SMPP error (the
/// operator's network and provider); anonymous callers get the status word only, and the detail is for this machine,
/// an administrator's console session or an admin API token.
/// <para>
/// A non-loopback caller is made the way production sees one: the test's loopback connection is the trusted reverse
/// proxy and says <c>X-Forwarded-For: 203.0.113.7</c>, so the server's <c>RemoteIpAddress</c> is 203.0.113.7 (the
/// ASP.NET Core forwarded-headers middleware, not a test hook). A second loopback address such as 127.0.0.2 would not
/// do: it is loopback too.
/// </para>
/// </summary>
public sealed class HealthAccessTests(HealthServerFixture fixture) : IClassFixture<HealthServerFixture>
{
    private const string Internet = "203.0.113.7";

    private IdPServer Server => fixture.Server;

    private string Endpoint => $"127.0.0.1:{fixture.SmscPort}";

    [Fact]
    public async Task Health_AnonymousCallerFromTheInternet_GetsTheStatusWordOnly()
    {
        using var http = fixture.Api(token: null);

        var (status, body) = await GetHealthAsync(http, Internet);

        Assert.Equal(HttpStatusCode.OK, status);
        AssertStatusOnly(body);
    }

    [Fact]
    public async Task Health_LoopbackCaller_GetsTheDetail()
    {
        using var http = fixture.Api(token: null);

        var (status, body) = await GetHealthAsync(http, forwardedFor: null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith($"Degraded\nsmpp: Degraded - NotBound: Not bound to the SMSC {Endpoint}", body, StringComparison.Ordinal);
        Assert.Contains("refused", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_AdminApiBearerToken_GetsTheDetailFromOutside()
    {
        var (_, token) = await fixture.AdminApiTokenAsync();
        using var http = fixture.Api(token);

        var (_, body) = await GetHealthAsync(http, Internet);

        Assert.StartsWith($"Degraded\nsmpp: Degraded - NotBound: Not bound to the SMSC {Endpoint}", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_AdminClientDisabled_ItsStillValidTokenGetsTheStatusWordOnly()
    {
        // The admin API's rule applies here too: a disabled admin client loses the detail at once.
        var (client, token) = await fixture.AdminApiTokenAsync();
        using var http = fixture.Api(token);
        await fixture.QueryAsync(db => db.ClientSettings.Where(s => s.ClientId == client.ClientId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Disabled, true)));

        AssertStatusOnly((await GetHealthAsync(http, Internet)).Body);
    }

    [Fact]
    public async Task Health_TokenWithoutIdpAdmin_OrNotAToken_GetsTheStatusWordOnly()
    {
        var (_, token) = await fixture.AdminApiTokenAsync(scope: "profile");
        using var withoutScope = fixture.Api(token);
        using var forged = fixture.Api("not-a-token");

        AssertStatusOnly((await GetHealthAsync(withoutScope, Internet)).Body);
        AssertStatusOnly((await GetHealthAsync(forged, Internet)).Body);
    }

    [Fact]
    public async Task Health_AdminConsoleSession_GetsTheDetailFromOutside_APersonsSessionDoesNot()
    {
        var (admin, page) = await fixture.SignInToConsoleAsync(await fixture.CreateAdminAsync());
        using (admin)
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var (_, body) = await GetHealthAsync(admin.Http, Internet);
            Assert.StartsWith($"Degraded\nsmpp: Degraded - NotBound: Not bound to the SMSC {Endpoint}", body, StringComparison.Ordinal);
        }

        var person = await Server.CreateUserAsync();
        using var browser = Server.CreateOidcClient();
        await browser.SubmitLoginAsync(await browser.NavigateAsync("/admin"), person.Username, person.Password);
        Assert.True(browser.HasSessionCookie, "the person is signed in");
        AssertStatusOnly((await GetHealthAsync(browser.Http, Internet)).Body);
    }

    /// <summary>
    /// A reverse proxy on the same host whose forwarded headers the server does not consume (RFC 7239 <c>Forwarded</c>
    /// here; <c>X-Forwarded-For</c> when <c>IdP:ForwardedHeaders</c> is off) connects from loopback on behalf of anyone:
    /// such a request is not local.
    /// </summary>
    [Fact]
    public async Task Health_LoopbackRequestRelayedForSomeoneElse_IsNotLocal()
    {
        using var http = fixture.Api(token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("Forwarded", $"for={Internet}");

        using var response = await http.SendAsync(request);

        AssertStatusOnly(await response.Content.ReadAsStringAsync());
    }

    private static void AssertStatusOnly(string body)
    {
        Assert.Equal("Degraded", body);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetHealthAsync(HttpClient http, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await http.SendAsync(request);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
