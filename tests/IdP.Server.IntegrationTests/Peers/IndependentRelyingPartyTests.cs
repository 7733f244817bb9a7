using System.Text.Json;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Peers;

/// <summary>
/// An independent relying party (npm openid-client 6, tests/peers/rp.mjs) against the running
/// server: discovery, code + PKCE, id_token validation (JWKS signature, iss, aud, nonce), userinfo
/// and refresh are all done by openid-client; this test only plays the browser.
/// </summary>
[Collection(ServerCollections.Session)]
public sealed class IndependentRelyingPartyTests(IdPServerFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private IdPServer Server => fixture.Server;

    private async Task<(NodePeer Rp, string AuthorizationUrl)> StartRelyingPartyAsync(TestClient rp)
    {
        var peer = NodePeer.Start("rp.mjs", "--issuer", Server.Issuer, "--client-id", rp.ClientId, "--redirect-uri", rp.RedirectUri);
        var first = await peer.ReadAsync(Timeout);
        Assert.True(first.GetProperty("step").GetString() == "authorize", $"rp.mjs: {first} {peer.Errors}");
        return (peer, first.GetProperty("url").GetString()!);
    }

    [Fact]
    public async Task OpenIdClient_CodeFlowWithPkce_ValidatesTokensCallsUserInfoAndRefreshes()
    {
        var user = await Server.CreateUserAsync(phone: "+4915112345678");
        var rp = await Server.CreateClientAsync();
        using var browser = Server.CreateOidcClient();
        var (peer, url) = await StartRelyingPartyAsync(rp);
        await using var _ = peer;

        var authorization = new Uri(url);
        Assert.Equal(Server.Origin + "/connect/authorize", authorization.GetLeftPart(UriPartial.Path));
        var landing = await browser.NavigateAsync(authorization.PathAndQuery);
        landing = await browser.SubmitLoginAsync(landing, user.Username, user.Password);
        await peer.WriteLineAsync(landing.ExternalRedirect!.ToString());
        var result = await peer.ReadAsync(Timeout);

        Assert.True(result.GetProperty("step").GetString() == "result", $"rp.mjs failed: {result} {peer.Errors}");
        Assert.Equal(Server.Issuer, result.GetProperty("issuer").GetString());
        Assert.True(result.GetProperty("iss_parameter_supported").GetBoolean());
        Assert.True(result.GetProperty("callback_had_iss").GetBoolean());
        var id = result.GetProperty("id_token");
        Assert.Equal(user.Id, id.GetProperty("sub").GetString());
        Assert.Equal(rp.ClientId, id.GetProperty("aud").ValueKind == JsonValueKind.Array ? id.GetProperty("aud")[0].GetString() : id.GetProperty("aud").GetString());
        Assert.Equal("pwd", id.GetProperty("acr").GetString());
        Assert.Equal(["pwd"], id.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
        Assert.True(id.GetProperty("auth_time").GetInt64() > 0);
        var userinfo = result.GetProperty("userinfo");
        Assert.Equal(user.Id, userinfo.GetProperty("sub").GetString());
        Assert.Equal(user.Email, userinfo.GetProperty("email").GetString());
        Assert.Equal("+4915112345678", userinfo.GetProperty("phone_number").GetString());
        var refresh = result.GetProperty("refresh");
        Assert.True(refresh.GetProperty("access_token_changed").GetBoolean());
        Assert.True(refresh.GetProperty("refresh_token_changed").GetBoolean());
        Assert.Equal(user.Id, refresh.GetProperty("id_token").GetProperty("sub").GetString());
        Assert.Equal(id.GetProperty("auth_time").GetInt64(), refresh.GetProperty("id_token").GetProperty("auth_time").GetInt64());
    }

    [Fact]
    public async Task OpenIdClient_CallbackWithForeignState_IsRejectedByTheRelyingParty()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var browser = Server.CreateOidcClient();
        var (peer, url) = await StartRelyingPartyAsync(rp);
        await using var _ = peer;
        var landing = await browser.NavigateAsync(new Uri(url).PathAndQuery);
        landing = await browser.SubmitLoginAsync(landing, user.Username, user.Password);
        var tampered = landing.ExternalRedirect!.ToString().Replace("state=", "state=x", StringComparison.Ordinal);

        await peer.WriteLineAsync(tampered);
        var result = await peer.ReadAsync(Timeout);

        Assert.Equal("error", result.GetProperty("step").GetString());
        Assert.Contains("state", result.GetProperty("message").GetString() + " " + result.GetProperty("cause"), StringComparison.OrdinalIgnoreCase);
    }
}
