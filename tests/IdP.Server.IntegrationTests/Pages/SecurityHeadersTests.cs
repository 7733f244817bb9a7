using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Pages;

/// <summary>Security headers on every response (RFC 9700 §4.16 clickjacking, no referrer leaks, no sniffing).</summary>
[Collection(ServerCollections.Pages)]
public sealed class SecurityHeadersTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/connect/authorize?client_id=unknown&redirect_uri=https%3A%2F%2Fx.test%2F&response_type=code&scope=openid")]
    [InlineData("/connect/endsession")]
    [InlineData("/account/signed-out")]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/.well-known/jwks")]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    public async Task Response_AnyPath_CarriesSecurityHeaders(string path)
    {
        using var client = Server.CreateOidcClient();

        using var response = await client.Http.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS must not be sent over plain http (RFC 6797 §7.2)");
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/signed-out")]
    public async Task Page_WithPersonalData_IsNotCached(string path)
    {
        using var client = Server.CreateOidcClient();

        using var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control is '{response.Headers.CacheControl}'");
    }

    [Fact]
    public async Task TokenResponse_Always_IsNotCached()
    {
        var rp = await Server.CreateConfidentialClientAsync(c => c.AllowClientCredentials = true);
        using var client = Server.CreateOidcClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = rp.ClientId,
                ["client_secret"] = rp.Secret!,
            }),
        };
        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control is '{response.Headers.CacheControl}'");
    }
}
