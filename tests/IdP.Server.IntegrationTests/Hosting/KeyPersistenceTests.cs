using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>Signing and encryption keys are generated once per database and survive restarts.</summary>
public sealed class KeyPersistenceTests
{
    [Fact]
    public async Task Restart_SameDatabase_KeepsKeysAndAcceptsEarlierTokens()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);

        // A fixed issuer, so that tokens from the first run are for the same issuer as the second; the tests reach the
        // server on 127.0.0.1, which the operator then has to allow (AllowedHosts otherwise follows the issuer's host).
        settings["IdP:Issuer"] = "http://idp.test/";
        settings["AllowedHosts"] = "127.0.0.1";
        string firstKid;
        TokenResponse tokens;
        TestClient rp;
        await using (var first = new IdPServer(settings).Start())
        {
            using var client = first.CreateOidcClient();
            firstKid = (await client.GetJsonAsync("/.well-known/jwks")).GetProperty("keys")[0].GetProperty("kid").GetString()!;
            var user = await first.CreateUserAsync();
            rp = await first.CreateConfidentialClientAsync();
            tokens = await client.SignInAndExchangeAsync(rp, user, "openid offline_access");
        }

        await using var second = new IdPServer(settings).Start();
        using var secondClient = second.CreateOidcClient();
        var jwks = await secondClient.GetJsonAsync("/.well-known/jwks");
        var refreshed = await secondClient.RefreshAsync(rp, tokens.RefreshToken);

        Assert.Equal([firstKid], jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        await secondClient.ValidateJwtAsync(tokens.IdToken, rp.ClientId);
        Assert.True(refreshed.IsSuccess, "a refresh token issued before the restart is refused after it: " + refreshed);
        Assert.Equal(1, await database.CountAsync("SELECT count(*) FROM \"IdPServerKeys\" WHERE \"Use\" = 'sig'"));
    }

    [Fact]
    public async Task Start_AuthorizationCodeLifetimeOverFiveMinutes_IsRefusedWithReason()
    {
        var settings = IdPServer.PostgresSettings("Host=127.0.0.1;Port=1;Database=unused");
        settings["IdP:Tokens:AuthorizationCodeLifetime"] = "00:10:00";
        await using var server = new IdPServer(settings);

        var error = Record.Exception(() => server.Start());

        Assert.NotNull(error);
        Assert.Contains("AuthorizationCodeLifetime", error.ToString(), StringComparison.Ordinal);
    }
}
