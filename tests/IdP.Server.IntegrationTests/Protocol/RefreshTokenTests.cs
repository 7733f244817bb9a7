using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Protocol;

/// <summary>Refresh tokens roll on every use; a reused one is refused and kills its family (RFC 9700 §4.14.2).</summary>
[Collection(ServerCollections.Protocol)]
public sealed class RefreshTokenTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    private async Task<(OidcTestClient Client, TestClient Rp, TestUser User, TokenResponse Tokens)> SignInWithOfflineAccessAsync()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateConfidentialClientAsync();
        var client = Server.CreateOidcClient();
        var tokens = await client.SignInAndExchangeAsync(rp, user, "openid profile offline_access");
        return (client, rp, user, tokens);
    }

    [Fact]
    public async Task Refresh_ValidToken_RotatesAndKeepsAuthenticationFacts()
    {
        var (client, rp, user, first) = await SignInWithOfflineAccessAsync();
        using var _ = client;

        var second = await client.RefreshAsync(rp, first.RefreshToken);

        Assert.True(second.IsSuccess, second.ToString());
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        var before = Jwt.Payload(first.IdToken);
        var after = await client.ValidateJwtAsync(second.IdToken, rp.ClientId);
        Assert.Equal(user.Id, after.GetProperty("sub").GetString());
        Assert.Equal(before.GetProperty("auth_time").GetInt64(), after.GetProperty("auth_time").GetInt64());
        Assert.Equal("pwd", after.GetProperty("acr").GetString());
        Assert.Equal(["pwd"], after.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
        Assert.True(await client.IsActiveAsync(rp, second.AccessToken));
    }

    [Fact]
    public async Task Refresh_ReusedToken_IsInvalidGrantAndRevokesTheNewTokens()
    {
        var (client, rp, _, first) = await SignInWithOfflineAccessAsync();
        using var _ = client;
        var second = await client.RefreshAsync(rp, first.RefreshToken);
        Assert.True(second.IsSuccess, second.ToString());

        var reuse = await client.RefreshAsync(rp, first.RefreshToken);

        Assert.Equal(HttpStatusCode.BadRequest, reuse.Status);
        Assert.Equal("invalid_grant", reuse.Error);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(rp, second.RefreshToken)).Error);
        Assert.False(await client.IsActiveAsync(rp, second.AccessToken), "the access token of the family is still active");
    }

    [Fact]
    public async Task Refresh_TokenOfAnotherClient_IsInvalidGrant()
    {
        var (client, _, _, first) = await SignInWithOfflineAccessAsync();
        using var _ = client;
        var other = await Server.CreateConfidentialClientAsync();

        var stolen = await client.RefreshAsync(other, first.RefreshToken);

        Assert.Equal("invalid_grant", stolen.Error);
    }

    [Fact]
    public async Task CodeExchange_WithoutOfflineAccess_IssuesNoRefreshToken()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();

        var tokens = await client.SignInAndExchangeAsync(rp, user, "openid profile");

        Assert.Null(tokens.Get("refresh_token"));
    }

    [Fact]
    public async Task Revoke_RefreshToken_CannotBeUsedAnymore()
    {
        var (client, rp, _, first) = await SignInWithOfflineAccessAsync();
        using var _ = client;

        var status = await client.RevokeAsync(rp, first.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(rp, first.RefreshToken)).Error);
    }

    [Fact]
    public async Task Revoke_AccessToken_IntrospectsInactive()
    {
        var (client, rp, _, first) = await SignInWithOfflineAccessAsync();
        using var _ = client;
        Assert.True(await client.IsActiveAsync(rp, first.AccessToken));

        var status = await client.RevokeAsync(rp, first.AccessToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(await client.IsActiveAsync(rp, first.AccessToken));
    }

    [Fact]
    public async Task Introspect_ActiveAccessToken_DescribesSubjectClientAndScope()
    {
        var (client, rp, user, first) = await SignInWithOfflineAccessAsync();
        using var _ = client;

        var introspection = await client.IntrospectAsync(rp, first.AccessToken);

        Assert.True(introspection.GetProperty("active").GetBoolean());
        Assert.Equal(user.Id, introspection.GetProperty("sub").GetString());
        Assert.Equal(rp.ClientId, introspection.GetProperty("client_id").GetString());
        Assert.Equal(Server.Issuer, introspection.GetProperty("iss").GetString());
        Assert.Equal("access_token", introspection.GetProperty("token_usage").GetString());
    }

    [Fact]
    public async Task Introspect_GarbageToken_IsInactive()
    {
        var rp = await Server.CreateConfidentialClientAsync();
        using var client = Server.CreateOidcClient();

        var introspection = await client.IntrospectAsync(rp, "not-a-token");

        Assert.False(introspection.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Revoke_ByAnotherClient_LeavesTheTokenWorking()
    {
        var (client, rp, _, first) = await SignInWithOfflineAccessAsync();
        using var _ = client;
        var other = await Server.CreateConfidentialClientAsync();

        // RFC 7009 §2.1: the server checks that the token was issued to the client revoking it.
        await client.RevokeAsync(other, first.RefreshToken);

        Assert.True((await client.RefreshAsync(rp, first.RefreshToken)).IsSuccess, "another client revoked this client's refresh token");
    }

    [Fact]
    public async Task Introspect_ByPublicClient_IsRefusedAndRevealsNothing()
    {
        var (client, _, user, first) = await SignInWithOfflineAccessAsync();
        using var _ = client;
        var spa = await Server.CreateClientAsync();

        using var response = await client.Http.PostAsync("/connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = spa.ClientId,
            ["token"] = first.AccessToken,
        }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.InRange((int)response.StatusCode, 400, 401);
        Assert.DoesNotContain(user.Id, body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"active\":true", body.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserInfo_WithIdTokenInsteadOfAccessToken_IsUnauthorized()
    {
        var (client, _, _, first) = await SignInWithOfflineAccessAsync();
        using var _ = client;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", first.IdToken);
        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
