using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Protocol;

/// <summary>
/// Attack: a stolen refresh token (or authorization code) is redeemed by the attacker and the
/// legitimate client at the same moment, or the attacker fires a burst. One-time tokens only
/// protect anybody if every presentation after the first is detected as reuse: at most one
/// redemption may mint tokens, and a concurrent reuse kills the family like a sequential one
/// (RFC 9700 §4.14.2, §4.5; RFC 6749 §4.1.2). OpenIddict 7.9 alone lets parallel redemptions of one
/// refresh token all mint tokens, and revokes only the tokens that exist when it sees the replay;
/// <c>TokenRedemptionClaim</c> and <c>ReplayedTokenRevocation</c> close both, here on the real
/// server and PostgreSQL.
/// </summary>
[Collection(ServerCollections.Protocol)]
public sealed class TokenRedemptionRaceTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public async Task Refresh_ParallelRedemptionsOfOneToken_MintAtMostOneAndRevokeTheFamily(int parallel)
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateConfidentialClientAsync();
        using var browser = Server.CreateOidcClient();
        var first = await browser.SignInAndExchangeAsync(rp, user, "openid profile offline_access");

        var minted = await BurstAsync(parallel, c => c.RefreshAsync(rp, first.RefreshToken));

        await AssertFamilyDeadAsync(browser, rp, minted);
        Assert.False(await browser.IsActiveAsync(rp, first.AccessToken), "the family's first access token is still active");
        Assert.Equal("invalid_grant", (await browser.RefreshAsync(rp, first.RefreshToken)).Error);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public async Task Token_ParallelRedemptionsOfOneCode_MintAtMostOneAndRevokeTheFamily(int parallel)
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateConfidentialClientAsync();
        using var browser = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp, "openid profile offline_access");
        var code = (await browser.SignInAsync(request, user)).Callback["code"];

        var minted = await BurstAsync(parallel, c => c.ExchangeCodeAsync(rp, code, request.CodeVerifier));

        await AssertFamilyDeadAsync(browser, rp, minted);
    }

    [Fact]
    public async Task Refresh_AfterAReplayRevokedTheFamily_ANewSignInStartsAWorkingFamily()
    {
        // Revoking the family must not lock the person out of the client: signing in again works.
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateConfidentialClientAsync();
        using var browser = Server.CreateOidcClient();
        var first = await browser.SignInAndExchangeAsync(rp, user, "openid profile offline_access");
        Assert.True((await browser.RefreshAsync(rp, first.RefreshToken)).IsSuccess);
        Assert.Equal("invalid_grant", (await browser.RefreshAsync(rp, first.RefreshToken)).Error);

        var again = await browser.SignInAndExchangeAsync(rp, user, "openid profile offline_access");

        Assert.True(await browser.IsActiveAsync(rp, again.AccessToken));
        Assert.True((await browser.RefreshAsync(rp, again.RefreshToken)).IsSuccess);
    }

    /// <summary>
    /// Fires <paramref name="parallel"/> token requests at once, each on its own connection, and
    /// returns the ones that minted tokens (asserting at most one did and the others got invalid_grant).
    /// </summary>
    private async Task<List<TokenResponse>> BurstAsync(int parallel, Func<OidcTestClient, Task<TokenResponse>> send)
    {
        var clients = Enumerable.Range(0, parallel).Select(_ => Server.CreateOidcClient()).ToList();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var requests = clients.Select(async c =>
            {
                await start.Task;
                return await send(c);
            }).ToList();
            start.SetResult();
            var results = await Task.WhenAll(requests);

            var minted = results.Where(r => r.IsSuccess).ToList();
            Assert.True(minted.Count <= 1, $"{minted.Count} of {parallel} parallel redemptions of one token minted tokens");
            Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("invalid_grant", r.Error));
            return minted;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>Whatever the winning redemption got belongs to a family that was presented twice: it is dead.</summary>
    private static async Task AssertFamilyDeadAsync(OidcTestClient browser, TestClient rp, List<TokenResponse> minted)
    {
        foreach (var tokens in minted)
        {
            Assert.False(await browser.IsActiveAsync(rp, tokens.AccessToken), "the access token minted by a raced redemption is still active");
            Assert.False(await browser.IsActiveAsync(rp, tokens.RefreshToken), "the refresh token minted by a raced redemption is still active");
            Assert.Equal("invalid_grant", (await browser.RefreshAsync(rp, tokens.RefreshToken)).Error);
            using var userInfo = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
            userInfo.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            using var response = await browser.Http.SendAsync(userInfo);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}
