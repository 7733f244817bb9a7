using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>The embedded default: SQLite in a data directory, demo user and client seeded.</summary>
public sealed class SqliteProviderTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    [Fact]
    public async Task Sqlite_EmbeddedDefault_SeedsDemoAndCompletesSignInAndKeepsKeysAcrossRestart()
    {
        var settings = _data.EmbeddedDefaultSettings();
        var demo = new TestUser("", "demo", "demo-password-123", "demo@example.com", "+4915112345678");
        var demoClient = new TestClient("demo-client", null, "http://localhost:5000/demo/callback", null);
        string kid;
        await using (var server = new IdPServer(settings).Start())
        {
            using var client = server.CreateOidcClient();
            var request = AuthorizeRequest.For(demoClient, "openid profile email phone");

            var landing = await client.AuthorizeAsync(request);
            Assert.True(landing.IsLoginPage, landing.ToString());
            landing = await client.SubmitLoginAsync(landing, demo.Username, demo.Password);
            Assert.True(landing.IsConsentPage, $"the demo client asks for consent: {landing}");
            landing = await client.SubmitConsentAsync(landing, accept: true);
            var tokens = await client.ExchangeCodeAsync(demoClient, landing.Callback["code"], request.CodeVerifier);

            Assert.True(tokens.IsSuccess, tokens.ToString());
            var id = await client.ValidateJwtAsync(tokens.IdToken, demoClient.ClientId);
            Assert.Equal("demo", id.GetProperty("preferred_username").GetString());
            Assert.Equal("+4915112345678", id.GetProperty("phone_number").GetString());
            Assert.Equal("pwd", id.GetProperty("acr").GetString());
            Assert.True(File.Exists(Path.Combine(_data.Path, "idp.db")));
            kid = Jwt.Header(tokens.IdToken).GetProperty("kid").GetString()!;
            var demoPage = await client.NavigateAsync("/demo");
            Assert.True(demoPage.HasElement("demo-sign-in"));
        }

        await using var restarted = new IdPServer(settings).Start();
        using var again = restarted.CreateOidcClient();
        var jwks = await again.GetJsonAsync("/.well-known/jwks");
        Assert.Equal([kid], jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
    }

    public void Dispose() => _data.Dispose();
}
