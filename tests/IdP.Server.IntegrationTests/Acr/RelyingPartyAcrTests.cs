using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Acr;

/// <summary>
/// The independent relying party (npm openid-client, tests/peers/rp.mjs) asks for an acr with
/// <c>acr_values</c> and with an essential <c>claims</c> request, validates the id_token and
/// checks the acr it reports.
/// </summary>
public sealed class RelyingPartyAcrTests(AcrServerFixture fixture) : IClassFixture<AcrServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private IdPServer Server => fixture.Server;

    private async Task<(NodePeer Peer, string AuthorizationPath)> StartAsync(TestClient rp, string option, string value)
    {
        var peer = NodePeer.Start("rp.mjs", "--issuer", Server.Issuer, "--client-id", rp.ClientId, "--redirect-uri", rp.RedirectUri, option, value);
        var first = await peer.ReadAsync(Timeout);
        Assert.True(first.GetProperty("step").GetString() == "authorize", $"rp.mjs: {first} {peer.Errors}");
        return (peer, new Uri(first.GetProperty("url").GetString()!).PathAndQuery);
    }

    [Theory]
    [InlineData("--acr-values", "test-code pwd")]
    [InlineData("--essential-acr", "test-code")]
    public async Task OpenIdClient_AsksForTestCode_GetsValidatedIdTokenWithThatAcr(string option, string value)
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var browser = Server.CreateOidcClient();
        var (peer, path) = await StartAsync(rp, option, value);
        await using var _ = peer;

        var landing = await browser.NavigateAsync(path);
        landing = await browser.SubmitLoginAsync(landing, user.Username, user.Password);
        landing = await browser.SubmitCodeAsync(landing, AcrFlows.RightCode);
        await peer.WriteLineAsync(landing.ExternalRedirect!.ToString());
        var result = await peer.ReadAsync(Timeout);

        Assert.True(result.GetProperty("step").GetString() == "result", $"rp.mjs failed: {result} {peer.Errors}");
        var idToken = result.GetProperty("id_token");
        Assert.Equal("test-code", idToken.GetProperty("acr").GetString());
        Assert.Equal(["pwd", "otp", "mfa"], idToken.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("test-code", result.GetProperty("refresh").GetProperty("id_token").GetProperty("acr").GetString());
    }

    [Fact]
    public async Task OpenIdClient_EssentialAcrThatCannotBeMet_ReceivesTheErrorAndNoToken()
    {
        var rp = await Server.CreateClientAsync();
        using var browser = Server.CreateOidcClient();
        var (peer, path) = await StartAsync(rp, "--essential-acr", "urn:example:platinum");
        await using var _ = peer;

        var landing = await browser.NavigateAsync(path);
        Assert.NotNull(landing.ExternalRedirect);
        await peer.WriteLineAsync(landing.ExternalRedirect!.ToString());
        var result = await peer.ReadAsync(Timeout);

        Assert.Equal("error", result.GetProperty("step").GetString());
        Assert.True(result.TryGetProperty("error", out var error) && error.GetString() == "unmet_authentication_requirements", $"rp.mjs: {result}");
    }
}
