using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>
/// Outside the embedded default the issuer is configuration, never the request. Attack: with the issuer derived from
/// each request's <c>Host</c>, a client choosing the header chose the discovery document's endpoints, the <c>iss</c>
/// it is told to expect and the host in SMS codes (Host header injection, ASVS 5.0 V13.4 / OWASP WSTG-INPV-17).
/// </summary>
[Collection(ServerCollections.Protocol)]
public sealed class IssuerAndHostTests(IdPServerFixture fixture)
{
    [Fact]
    public async Task Start_DatabaseConfiguredWithoutIssuer_IsRefusedSayingWhatToSet()
    {
        var settings = IdPServer.PostgresSettings("Host=127.0.0.1;Port=1;Database=unused;Username=nobody;Password=none");
        settings["IdP:Issuer"] = "";
        await using var server = new IdPServer(settings);

        var error = Record.Exception(() => server.Start());

        Assert.NotNull(error);
        Assert.Contains("IdP:Issuer is required", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("IdP__Issuer", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_HostOtherThanTheIssuers_IsRefusedWith400()
    {
        using var client = fixture.Server.CreateOidcClient();
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        spoofed.Headers.Host = "attacker.example";
        using var genuine = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");

        using var refused = await client.Http.SendAsync(spoofed);
        using var answered = await client.Http.SendAsync(genuine);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(fixture.Server.Issuer, (await client.GetJsonAsync("/.well-known/openid-configuration")).GetProperty("issuer").GetString());
    }
}
