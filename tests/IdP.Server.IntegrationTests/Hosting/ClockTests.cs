using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>Lifetimes and max_age against a clock the test moves forward (no sleeping).</summary>
public sealed class ClockTests(ShiftedClockFixture fixture) : IClassFixture<ShiftedClockFixture>
{
    private IdPServer Server => fixture.Server;

    [Fact]
    public async Task Code_RedeemedAfterItsLifetime_IsInvalidGrant()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp);
        var code = (await client.SignInAsync(request, user)).Callback["code"];

        fixture.Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(5));
        var tokens = await client.ExchangeCodeAsync(rp, code, request.CodeVerifier);

        Assert.Equal("invalid_grant", tokens.Error);
    }

    [Fact]
    public async Task MaxAge_SessionOlderThanMaxAge_ForcesLoginAndAuthTimeFollowsTheClock()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var first = Jwt.Payload((await client.SignInAndExchangeAsync(rp, user)).IdToken).GetProperty("auth_time").GetInt64();

        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        var withinMaxAge = await client.AuthorizeAsync(AuthorizeRequest.For(rp) with { MaxAge = 900, Prompt = "none" });
        var request = AuthorizeRequest.For(rp) with { MaxAge = 300 };
        var landing = await client.AuthorizeAsync(request);
        Assert.True(landing.IsLoginPage, $"a 10-minute-old session satisfied max_age=300: {landing}");
        landing = await client.SubmitLoginAsync(landing, user.Username, user.Password);
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);

        Assert.True(withinMaxAge.Callback.ContainsKey("code"), "max_age=900 should accept a 10-minute-old session");
        var second = Jwt.Payload(tokens.IdToken).GetProperty("auth_time").GetInt64();
        // 600 s of shifted clock plus the real seconds the test took (generous for a loaded CI machine).
        Assert.InRange(second - first, 600, 630);
    }

    [Fact]
    public async Task AccessToken_AfterItsLifetime_IsRefusedByUserInfoAndIntrospectsInactive()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateConfidentialClientAsync();
        using var client = Server.CreateOidcClient();
        var tokens = await client.SignInAndExchangeAsync(rp, user, "openid offline_access");
        Assert.Equal(HttpStatusCode.OK, (await client.UserInfoAsync(tokens.AccessToken)).Status);

        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await client.IsActiveAsync(rp, tokens.AccessToken));
        Assert.True((await client.RefreshAsync(rp, tokens.RefreshToken)).IsSuccess, "the refresh token (14 days) should still work");
    }

    [Fact]
    public async Task RefreshToken_AfterAbsoluteLifetime_IsInvalidGrant()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var tokens = await client.SignInAndExchangeAsync(rp, user, "openid offline_access");
        var rolled = await client.RefreshAsync(rp, tokens.RefreshToken);
        Assert.True(rolled.IsSuccess, rolled.ToString());

        fixture.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        var expired = await client.RefreshAsync(rp, rolled.RefreshToken);

        Assert.Equal("invalid_grant", expired.Error);
    }
}
