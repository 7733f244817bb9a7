using System.Net;
using System.Text.Json;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Protocol;

/// <summary>OIDC Discovery 1.0 and the JWKS.</summary>
[Collection(ServerCollections.Protocol)]
public sealed class DiscoveryTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    [Fact]
    public async Task Discovery_Default_NamesIssuerAndEndpointsOfThisServer()
    {
        using var client = Server.CreateOidcClient();

        var discovery = await client.GetJsonAsync("/.well-known/openid-configuration");

        Assert.Equal(Server.Issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal(Server.Origin + "/connect/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(Server.Origin + "/connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(Server.Origin + "/connect/userinfo", discovery.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(Server.Origin + "/connect/endsession", discovery.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(Server.Origin + "/connect/introspect", discovery.GetProperty("introspection_endpoint").GetString());
        Assert.Equal(Server.Origin + "/connect/revoke", discovery.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(Server.Origin + "/.well-known/jwks", discovery.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task Discovery_Default_AdvertisesOnlyCodeFlowWithS256()
    {
        using var client = Server.CreateOidcClient();

        var discovery = await client.GetJsonAsync("/.well-known/openid-configuration");

        Assert.Equal(["S256"], Strings(discovery, "code_challenge_methods_supported"));
        Assert.Equal(["code"], Strings(discovery, "response_types_supported"));
        var grants = Strings(discovery, "grant_types_supported");
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], grants.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("implicit", grants);
        Assert.DoesNotContain("password", grants);
        Assert.True(discovery.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
    }

    [Fact]
    public async Task Discovery_Default_AdvertisesScopesClaimsAndAcr()
    {
        using var client = Server.CreateOidcClient();

        var discovery = await client.GetJsonAsync("/.well-known/openid-configuration");

        Assert.Contains("pwd", Strings(discovery, "acr_values_supported"));
        Assert.Superset(new HashSet<string> { "openid", "profile", "email", "phone", "offline_access" }, Strings(discovery, "scopes_supported").ToHashSet());
        Assert.Superset(
            new HashSet<string> { "sub", "acr", "amr", "auth_time", "name", "preferred_username", "email", "email_verified", "phone_number", "phone_number_verified" },
            Strings(discovery, "claims_supported").ToHashSet());
        Assert.Equal(["RS256"], Strings(discovery, "id_token_signing_alg_values_supported"));
        Assert.Contains("client_secret_basic", Strings(discovery, "token_endpoint_auth_methods_supported"));
    }

    [Fact]
    public async Task Jwks_Default_PublishesTheRsaSigningKeyWithoutPrivateParts()
    {
        using var client = Server.CreateOidcClient();

        var jwks = await client.GetJsonAsync("/.well-known/jwks");

        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        var signing = Assert.Single(keys, k => k.TryGetProperty("use", out var use) && use.GetString() == "sig");
        Assert.Equal("RSA", signing.GetProperty("kty").GetString());
        Assert.Equal("RS256", signing.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(signing.GetProperty("kid").GetString()));
        Assert.True(signing.GetProperty("n").GetString()!.Length >= 340, "an RSA key of at least 2048 bits");
        foreach (var key in keys)
        {
            foreach (var secret in new[] { "d", "p", "q", "dp", "dq", "qi" })
            {
                Assert.False(key.TryGetProperty(secret, out _), $"The JWKS publishes the private parameter '{secret}'.");
            }
        }
    }

    [Fact]
    public async Task IdToken_SignedByServer_VerifiesWithJwksKid()
    {
        using var client = Server.CreateOidcClient();
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        var tokens = await client.SignInAndExchangeAsync(rp, user);

        var jwks = await client.GetJsonAsync("/.well-known/jwks");

        var kid = Jwt.Header(tokens.IdToken).GetProperty("kid").GetString();
        Assert.Contains(kid, jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()));
        await client.ValidateJwtAsync(tokens.IdToken, rp.ClientId);
    }

    [Fact]
    public async Task Health_Default_AnswersOk()
    {
        using var client = Server.CreateOidcClient();

        using var response = await client.Http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    internal static string[] Strings(JsonElement json, string property) =>
        json.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
