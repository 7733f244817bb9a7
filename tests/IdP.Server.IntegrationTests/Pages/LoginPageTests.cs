using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Pages;

/// <summary>The hosted password page: failures that reveal nothing, lockout, antiforgery.</summary>
[Collection(ServerCollections.Pages)]
public sealed class LoginPageTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    private async Task<(OidcTestClient Client, Landing Login)> LoginPageAsync()
    {
        var rp = await Server.CreateClientAsync();
        var client = Server.CreateOidcClient();
        var landing = await client.AuthorizeAsync(AuthorizeRequest.For(rp));
        Assert.True(landing.IsLoginPage, landing.ToString());
        return (client, landing);
    }

    private async Task<string?> FailedLoginMessageAsync(string username, string password)
    {
        var (client, page) = await LoginPageAsync();
        using var _ = client;
        var after = await client.SubmitLoginAsync(page, username, password);
        Assert.True(after.IsLoginPage, $"a failed sign-in left the login page: {after}");
        Assert.False(client.HasSessionCookie);
        return after.ElementText("login-error");
    }

    [Fact]
    public async Task LoginPage_Rendered_HasFormFieldsAndAntiforgeryToken()
    {
        var (client, page) = await LoginPageAsync();
        using var _ = client;

        Assert.NotNull(page.InputValue("Input_Username"));
        Assert.NotNull(page.InputValue("Input_Password"));
        Assert.True(page.HasElement("sign-in"));
        Assert.False(string.IsNullOrEmpty(page.AntiforgeryToken));
        Assert.Contains(client.Cookies.GetCookies(new Uri(Server.Origin)), c => c.Name == "idp.af");
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownUser_ShowTheSameMessage()
    {
        var user = await Server.CreateUserAsync();

        var wrongPassword = await FailedLoginMessageAsync(user.Username, "not-the-password-at-all");
        var unknownUser = await FailedLoginMessageAsync("nobody-" + Guid.NewGuid().ToString("N"), "not-the-password-at-all");

        Assert.False(string.IsNullOrEmpty(wrongPassword));
        Assert.Equal(wrongPassword, unknownUser);
        Assert.DoesNotContain(user.Username, wrongPassword!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksAccountWithTheSameMessage()
    {
        var user = await Server.CreateUserAsync();
        var unknown = await FailedLoginMessageAsync("nobody-" + Guid.NewGuid().ToString("N"), "whatever-password");
        var (client, page) = await LoginPageAsync();
        using var _ = client;

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            page = await client.SubmitLoginAsync(page, user.Username, "wrong-password-" + attempt);
            Assert.True(page.IsLoginPage);
            Assert.Equal(unknown, page.ElementText("login-error"));
        }

        var locked = await client.SubmitLoginAsync(page, user.Username, user.Password);

        Assert.True(locked.IsLoginPage, $"a locked account signed in: {locked}");
        Assert.Equal(unknown, locked.ElementText("login-error"));
        Assert.False(client.HasSessionCookie);
    }

    [Fact]
    public async Task Login_FourWrongPasswordsThenRight_SignsIn()
    {
        var user = await Server.CreateUserAsync();
        var (client, page) = await LoginPageAsync();
        using var _ = client;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            page = await client.SubmitLoginAsync(page, user.Username, "wrong-password-" + attempt);
        }

        var after = await client.SubmitLoginAsync(page, user.Username, user.Password);

        Assert.True(after.Callback.ContainsKey("code"), after.ToString());
    }

    [Fact]
    public async Task Login_ByEmail_SignsIn()
    {
        var user = await Server.CreateUserAsync();
        var (client, page) = await LoginPageAsync();
        using var _ = client;

        var after = await client.SubmitLoginAsync(page, user.Email!, user.Password);

        Assert.True(after.Callback.ContainsKey("code"), after.ToString());
    }

    [Fact]
    public async Task Login_PostWithoutAntiforgeryToken_IsBadRequest()
    {
        var user = await Server.CreateUserAsync();
        var (client, page) = await LoginPageAsync();
        using var _ = client;

        var after = await client.SubmitLoginAsync(page, user.Username, user.Password, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, after.Status);
        Assert.False(client.HasSessionCookie);
    }

    [Fact]
    public async Task Login_PostFromAnotherBrowsersToken_IsBadRequest()
    {
        var user = await Server.CreateUserAsync();
        var (victim, victimPage) = await LoginPageAsync();
        using var _ = victim;
        var (attacker, attackerPage) = await LoginPageAsync();
        using var __ = attacker;
        var forged = victimPage with { Html = victimPage.Html.Replace(victimPage.AntiforgeryToken!, attackerPage.AntiforgeryToken!, StringComparison.Ordinal) };

        var after = await victim.SubmitLoginAsync(forged, user.Username, user.Password);

        Assert.Equal(HttpStatusCode.BadRequest, after.Status);
        Assert.False(victim.HasSessionCookie);
    }

    [Fact]
    public async Task Login_HundredKilobyteUsername_FailsCleanly()
    {
        var (client, page) = await LoginPageAsync();
        using var _ = client;

        var after = await client.SubmitLoginAsync(page, new string('u', 100 * 1024), "some-password-value");

        Assert.InRange((int)after.Status, 200, 499);
        Assert.False(client.HasSessionCookie);
    }

    [Fact]
    public async Task Login_Success_AnswersSeeOtherToTheAuthorizationRequest()
    {
        var user = await Server.CreateUserAsync();
        var (client, page) = await LoginPageAsync();
        using var _ = client;

        using var response = await client.Http.PostAsync(page.Url.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Username"] = user.Username,
            ["Input.Password"] = user.Password,
            ["ReturnUrl"] = page.InputValue("ReturnUrl")!,
            ["__RequestVerificationToken"] = page.AntiforgeryToken!,
        }));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.StartsWith("/connect/authorize?", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }
}
