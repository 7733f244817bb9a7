using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Protocol;

/// <summary>The client credentials grant: machine-to-machine tokens whose subject is the client.</summary>
[Collection(ServerCollections.Protocol)]
public sealed class ClientCredentialsTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    private Task<TestClient> CreateServiceClientAsync() => Server.CreateConfidentialClientAsync(c =>
    {
        c.AllowClientCredentials = true;
        c.RedirectUris.Clear();
        c.PostLogoutRedirectUris.Clear();
        c.Scopes = ["profile"];
    });

    [Fact]
    public async Task ClientCredentials_ConfidentialClient_IssuesSignedAccessTokenForTheClient()
    {
        var rp = await CreateServiceClientAsync();
        using var client = Server.CreateOidcClient();

        var tokens = await client.ClientCredentialsAsync(rp);

        Assert.True(tokens.IsSuccess, tokens.ToString());
        Assert.Null(tokens.Get("id_token"));
        Assert.Null(tokens.Get("refresh_token"));
        var access = await client.ValidateJwtAsync(tokens.AccessToken, audience: null);
        Assert.Equal(rp.ClientId, access.GetProperty("sub").GetString());
        Assert.Equal(rp.ClientId, access.GetProperty("client_id").GetString());
        Assert.True(await client.IsActiveAsync(rp, tokens.AccessToken));
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_IsInvalidClient()
    {
        var rp = await CreateServiceClientAsync();
        using var client = Server.CreateOidcClient();

        var tokens = await client.ClientCredentialsAsync(rp with { Secret = "wrong-secret-wrong-secret-wrong-secret" });

        Assert.Equal(HttpStatusCode.Unauthorized, tokens.Status);
        Assert.Equal("invalid_client", tokens.Error);
    }

    [Fact]
    public async Task ClientCredentials_ClientWithoutThatGrant_IsUnauthorizedClient()
    {
        var rp = await Server.CreateConfidentialClientAsync();
        using var client = Server.CreateOidcClient();

        var tokens = await client.ClientCredentialsAsync(rp);

        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("unauthorized_client", tokens.Error);
    }

    [Fact]
    public async Task ClientCredentials_PublicClient_IsRefused()
    {
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();

        var tokens = await client.ClientCredentialsAsync(rp);

        // RFC 6749 §4.4: confidential clients only; any of these errors is a correct refusal.
        Assert.False(tokens.IsSuccess);
        Assert.Null(tokens.Get("access_token"));
        Assert.Contains(tokens.Error, new[] { "invalid_request", "invalid_client", "unauthorized_client" });
    }

    [Fact]
    public async Task UserInfo_ClientCredentialsToken_RevealsNoUser()
    {
        var rp = await CreateServiceClientAsync();
        using var client = Server.CreateOidcClient();
        var tokens = await client.ClientCredentialsAsync(rp);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var response = await client.Http.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"userinfo answered {(int)response.StatusCode}");
    }
}
