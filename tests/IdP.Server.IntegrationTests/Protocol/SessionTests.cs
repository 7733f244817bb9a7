using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Protocol;

/// <summary>OIDC Core 3.1.2.1 request parameters that act on the IdP session: prompt, max_age, id_token_hint, login_hint.</summary>
[Collection(ServerCollections.Session)]
public sealed class SessionTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    /// <summary>A signed-in browser: user, client, and the id_token of the first sign-in.</summary>
    private async Task<(OidcTestClient Client, TestClient Rp, TestUser User, System.Text.Json.JsonElement IdToken, string RawIdToken)> SignedInAsync()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        var client = Server.CreateOidcClient();
        var tokens = await client.SignInAndExchangeAsync(rp, user);
        return (client, rp, user, Jwt.Payload(tokens.IdToken), tokens.IdToken);
    }

    private static async Task<System.Text.Json.JsonElement> ExchangeAsync(OidcTestClient client, TestClient rp, AuthorizeRequest request, Landing landing)
    {
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        Assert.True(tokens.IsSuccess, tokens.ToString());
        return Jwt.Payload(tokens.IdToken);
    }

    [Fact]
    public async Task PromptNone_WithoutSession_RedirectsLoginRequiredWithIssAndState()
    {
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp) with { Prompt = "none" };

        var landing = await client.AuthorizeAsync(request);

        Assert.StartsWith(rp.RedirectUri + "?", landing.ExternalRedirect?.ToString(), StringComparison.Ordinal);
        Assert.Equal("login_required", landing.Callback["error"]);
        Assert.Equal(request.State, landing.Callback["state"]);
        Assert.Equal(Server.Issuer, landing.Callback["iss"]);
        Assert.False(landing.Callback.ContainsKey("code"));
    }

    [Fact]
    public async Task PromptNone_WithSession_IssuesCodeForSameSubjectAndAuthTime()
    {
        var (client, rp, user, first, _) = await SignedInAsync();
        using var _ = client;
        var request = AuthorizeRequest.For(rp) with { Prompt = "none" };

        var landing = await client.AuthorizeAsync(request);
        var id = await ExchangeAsync(client, rp, request, landing);

        Assert.Equal(user.Id, id.GetProperty("sub").GetString());
        Assert.Equal(first.GetProperty("auth_time").GetInt64(), id.GetProperty("auth_time").GetInt64());
        Assert.Equal(request.Nonce, id.GetProperty("nonce").GetString());
    }

    [Fact]
    public async Task Authorize_WithSession_SkipsLoginPage()
    {
        var (client, rp, _, _, _) = await SignedInAsync();
        using var _ = client;

        var landing = await client.AuthorizeAsync(AuthorizeRequest.For(rp));

        Assert.False(landing.IsLoginPage);
        Assert.True(landing.Callback.ContainsKey("code"));
    }

    [Fact]
    public async Task ReplacedSession_ARequestStillCarryingTheOldCookie_IsAnonymousButDoesNotDeleteTheNewCookie()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        await client.SignInAsync(AuthorizeRequest.For(rp), user);
        var origin = new Uri(Server.Origin);
        var oldCookie = client.Cookies.GetCookies(origin)["idp.session"]!.Value;

        // A new sign-in in the same browser (prompt=login, step-up) revokes the old session row.
        await client.SignInAsync(AuthorizeRequest.For(rp) with { Prompt = "login" }, user);
        Assert.NotEqual(oldCookie, client.Cookies.GetCookies(origin)["idp.session"]!.Value);

        // A request that left the browser before the new cookie arrived (e.g. a status poll) carries the old one.
        using var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = origin };
        using var message = new HttpRequestMessage(HttpMethod.Get, "/account");
        message.Headers.Add("Cookie", "idp.session=" + oldCookie);
        using var response = await raw.SendAsync(message);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString.Replace(Server.Origin, "", StringComparison.Ordinal), StringComparison.Ordinal);
        var setCookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.DoesNotContain(setCookies, c => c.StartsWith("idp.session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PromptLogin_WithSession_ShowsLoginFormAndAdvancesAuthTime()
    {
        var (client, rp, user, first, _) = await SignedInAsync();
        using var _ = client;
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var request = AuthorizeRequest.For(rp) with { Prompt = "login" };

        var landing = await client.AuthorizeAsync(request);
        Assert.True(landing.IsLoginPage, $"prompt=login did not show the login form: {landing}");
        landing = await client.SubmitLoginAsync(landing, user.Username, user.Password);
        var id = await ExchangeAsync(client, rp, request, landing);

        Assert.Equal(user.Id, id.GetProperty("sub").GetString());
        Assert.True(id.GetProperty("auth_time").GetInt64() > first.GetProperty("auth_time").GetInt64(), "auth_time did not advance after prompt=login");
    }

    [Fact]
    public async Task MaxAge_Exceeded_ForcesLoginAndAdvancesAuthTime()
    {
        var (client, rp, user, first, _) = await SignedInAsync();
        using var _ = client;
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        var silent = await client.AuthorizeAsync(AuthorizeRequest.For(rp) with { MaxAge = 1, Prompt = "none" });
        var request = AuthorizeRequest.For(rp) with { MaxAge = 1 };
        var landing = await client.AuthorizeAsync(request);
        Assert.True(landing.IsLoginPage, $"max_age=1 on a session older than 2 s did not show the login form: {landing}");
        landing = await client.SubmitLoginAsync(landing, user.Username, user.Password);
        var id = await ExchangeAsync(client, rp, request, landing);

        Assert.Equal("login_required", silent.Callback["error"]);
        var authTime = id.GetProperty("auth_time").GetInt64();
        Assert.True(authTime > first.GetProperty("auth_time").GetInt64(), "auth_time did not advance after max_age re-authentication");
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - authTime, 0, 15);
    }

    [Fact]
    public async Task MaxAge_NotExceeded_UsesSessionAndReportsAuthTime()
    {
        var (client, rp, _, first, _) = await SignedInAsync();
        using var _ = client;
        var request = AuthorizeRequest.For(rp) with { MaxAge = 300 };

        var landing = await client.AuthorizeAsync(request);
        var id = await ExchangeAsync(client, rp, request, landing);

        Assert.Equal(first.GetProperty("auth_time").GetInt64(), id.GetProperty("auth_time").GetInt64());
    }

    [Fact]
    public async Task IdTokenHint_OfAnotherUser_RequiresLogin()
    {
        var (client, rp, _, _, _) = await SignedInAsync();
        using var _ = client;
        var otherUser = await Server.CreateUserAsync();
        using var otherBrowser = Server.CreateOidcClient();
        var otherIdToken = (await otherBrowser.SignInAndExchangeAsync(rp, otherUser)).IdToken;

        var silent = await client.AuthorizeAsync(AuthorizeRequest.For(rp) with { IdTokenHint = otherIdToken, Prompt = "none" });
        var interactive = await client.AuthorizeAsync(AuthorizeRequest.For(rp) with { IdTokenHint = otherIdToken });

        Assert.Equal("login_required", silent.Callback["error"]);
        Assert.True(interactive.IsLoginPage, $"a hint naming another user did not ask for a sign-in: {interactive}");
    }

    [Fact]
    public async Task IdTokenHint_OfSessionUser_UsesSession()
    {
        var (client, rp, user, _, idToken) = await SignedInAsync();
        using var _ = client;
        var request = AuthorizeRequest.For(rp) with { IdTokenHint = idToken, Prompt = "none" };

        var landing = await client.AuthorizeAsync(request);
        var id = await ExchangeAsync(client, rp, request, landing);

        Assert.Equal(user.Id, id.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task LoginHint_NoSession_PrefillsUsername()
    {
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();

        var landing = await client.AuthorizeAsync(AuthorizeRequest.For(rp) with { LoginHint = "alice@example.com" });

        Assert.True(landing.IsLoginPage, landing.ToString());
        Assert.Equal("alice@example.com", landing.InputValue("Input_Username"));
    }

    [Fact]
    public async Task LoginHint_WithMarkup_IsEncodedNotRendered()
    {
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        const string hint = "\"><script>alert(1)</script>";

        var landing = await client.AuthorizeAsync(AuthorizeRequest.For(rp) with { LoginHint = hint });

        Assert.True(landing.IsLoginPage, landing.ToString());
        Assert.DoesNotContain("<script>alert(1)", landing.Html, StringComparison.Ordinal);
        Assert.Equal(hint, landing.InputValue("Input_Username"));
    }

    [Theory]
    [InlineData("login_hint")]
    [InlineData("state")]
    [InlineData("nonce")]
    public async Task Authorize_HundredKilobyteParameter_IsHandledWithoutServerError(string parameter)
    {
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var huge = new string('a', 100 * 1024);
        var request = AuthorizeRequest.For(rp) with { Extra = new Dictionary<string, string> { [parameter] = huge } };
        var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + request.ToPathAndQuery()).Query)
            .ToDictionary(p => p.Key, p => p.Value.ToString());

        using var viaGet = await client.Http.GetAsync(request.ToPathAndQuery());
        using var viaPost = await client.Http.PostAsync("/connect/authorize", new FormUrlEncodedContent(form));
        var followed = viaPost.Headers.Location is { } location && !location.IsAbsoluteUri
            ? await client.NavigateAsync(location.ToString())
            : null;

        Assert.InRange((int)viaGet.StatusCode, 200, 499);
        Assert.InRange((int)viaPost.StatusCode, 200, 499);
        if (followed is not null)
        {
            Assert.InRange((int)followed.Status, 200, 499);
        }
    }

    [Fact]
    public async Task Session_Cookie_IsHttpOnlyAndNotPersistent()
    {
        var (client, _, _, _, _) = await SignedInAsync();
        using var _ = client;

        var cookie = client.Cookies.GetCookies(new Uri(Server.Origin)).Single(c => c.Name == "idp.session");

        Assert.True(cookie.HttpOnly);
        Assert.Equal(DateTime.MinValue, cookie.Expires);
    }

    [Fact]
    public async Task LoginPage_DirectVisitWithoutRequest_SignsInAndLandsOnSignedInPage()
    {
        var user = await Server.CreateUserAsync();
        using var client = Server.CreateOidcClient();

        var page = await client.NavigateAsync("/account/login");
        var after = await client.SubmitLoginAsync(page, user.Username, user.Password);

        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("/account/signed-in", after.Url.AbsolutePath);
        Assert.True(client.HasSessionCookie);
    }

    [Fact]
    public async Task MaxAgeZero_WithSession_ForcesLoginOnceThenIssuesCode()
    {
        var (client, rp, user, first, _) = await SignedInAsync();
        using var _ = client;
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var request = AuthorizeRequest.For(rp) with { MaxAge = 0 };

        var landing = await client.AuthorizeAsync(request);
        Assert.True(landing.IsLoginPage, $"max_age=0 did not ask for a sign-in: {landing}");
        landing = await client.SubmitLoginAsync(landing, user.Username, user.Password);
        var id = await ExchangeAsync(client, rp, request, landing);

        Assert.True(id.GetProperty("auth_time").GetInt64() > first.GetProperty("auth_time").GetInt64());
    }
}
