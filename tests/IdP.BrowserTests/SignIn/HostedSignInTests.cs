using IdP.BrowserTests.Infrastructure;
using IdP.BrowserTests.PageObjects;
using IdP.Authentication.BuiltIn;
using Microsoft.Playwright;

namespace IdP.BrowserTests.SignIn;

/// <summary>
/// A real browser (Debian Chromium, headless) signs in through the hosted pages with the demo
/// relying party: login, consent, the id_token the relying party received, sign-out.
/// </summary>
public sealed class HostedSignInTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private string Origin => fixture.Server.Origin;

    [Fact]
    public async Task SignIn_ThroughHostedPages_RelyingPartyShowsIdTokenClaims()
    {
        var user = await fixture.Server.CreateUserAsync(phone: "+4915112345678", name: "Browser User");
        await BrowserSession.RunAsync(fixture, nameof(SignIn_ThroughHostedPages_RelyingPartyShowsIdTokenClaims), async page =>
        {
            var login = await (await DemoHomePage.OpenAsync(page, Origin)).SignInAsync();
            await BrowserSession.ScreenshotAsync(page, "login-page");
            var consent = await login.SignInExpectingConsentAsync(user.Username, user.Password);
            await Assertions.Expect(consent.ClientName).ToHaveTextAsync("IdP demo application");
            await Assertions.Expect(consent.Scopes).ToHaveCountAsync(4);
            await Assertions.Expect(consent.Page.Locator("#scopes li[data-scope='phone']")).ToBeVisibleAsync();
            var result = await consent.AcceptAsync();
            var claims = await result.IdTokenClaimsAsync();
            var screenshot = await BrowserSession.ScreenshotAsync(page, "signed-in");

            Assert.Equal(user.Id, claims.GetProperty("sub").GetString());
            Assert.Equal(fixture.Server.Issuer, claims.GetProperty("iss").GetString());
            Assert.Equal(BrowserFixture.DemoClientId, claims.GetProperty("aud").GetString());
            Assert.Equal("pwd", claims.GetProperty("acr").GetString());
            Assert.Equal(["pwd"], claims.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
            Assert.InRange(claims.GetProperty("auth_time").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
            Assert.Equal("Browser User", claims.GetProperty("name").GetString());
            Assert.Equal(user.Username, claims.GetProperty("preferred_username").GetString());
            Assert.Equal("+4915112345678", claims.GetProperty("phone_number").GetString());
            Assert.True(new FileInfo(screenshot).Length > 1000, "the screenshot is empty");
        });
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndStaysOnLoginPage()
    {
        var user = await fixture.Server.CreateUserAsync();
        await BrowserSession.RunAsync(fixture, nameof(SignIn_WrongPassword_ShowsErrorAndStaysOnLoginPage), async page =>
        {
            var login = await (await DemoHomePage.OpenAsync(page, Origin)).SignInAsync();

            var again = await login.SignInExpectingErrorAsync(user.Username, "definitely-not-it");

            await Assertions.Expect(again.Error).ToHaveTextAsync(PasswordScript.FailureMessage);
            await Assertions.Expect(again.Username).ToHaveValueAsync(user.Username);
            await Assertions.Expect(again.Password).ToHaveValueAsync("");
            await BrowserSession.ScreenshotAsync(page, "login-error");
        });
    }

    [Fact]
    public async Task Consent_Denied_RelyingPartyReceivesAccessDenied()
    {
        var user = await fixture.Server.CreateUserAsync();
        await BrowserSession.RunAsync(fixture, nameof(Consent_Denied_RelyingPartyReceivesAccessDenied), async page =>
        {
            var consent = await (await (await DemoHomePage.OpenAsync(page, Origin)).SignInAsync()).SignInExpectingConsentAsync(user.Username, user.Password);

            var result = await consent.DenyAsync();

            await Assertions.Expect(result.Error).ToHaveTextAsync("access_denied");
        });
    }

    [Fact]
    public async Task SignOut_FromRelyingParty_EndsIdPSession()
    {
        var user = await fixture.Server.CreateUserAsync();
        await BrowserSession.RunAsync(fixture, nameof(SignOut_FromRelyingParty_EndsIdPSession), async page =>
        {
            var first = await (await (await DemoHomePage.OpenAsync(page, Origin)).SignInAsync()).SignInExpectingConsentAsync(user.Username, user.Password);
            await first.AcceptAsync();
            var silent = await (await DemoHomePage.OpenAsync(page, Origin)).SignInSilentlyAsync();
            Assert.Equal(user.Id, (await silent.IdTokenClaimsAsync()).GetProperty("sub").GetString());

            var afterSignOut = await silent.SignOutAsync();
            var cookies = await page.Context.CookiesAsync([Origin]);
            var login = await afterSignOut.SignInAsync();

            Assert.DoesNotContain(cookies, c => c.Name == "idp.session");
            await Assertions.Expect(login.Username).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task LoginPage_InAFrame_IsRefusedByTheBrowser()
    {
        await BrowserSession.RunAsync(fixture, nameof(LoginPage_InAFrame_IsRefusedByTheBrowser), async page =>
        {
            var requested = new List<string>();
            page.Request += (_, request) => requested.Add(request.Url);

            // A control frame that may render, and the login page framed by another origin
            // (about:blank here): the browser must refuse to render the latter.
            await page.SetContentAsync(
                "<iframe name=\"control\" srcdoc=\"<button id='sign-in'>x</button>\"></iframe>" +
                $"<iframe name=\"victim\" src=\"{Origin}/account/login\"></iframe>");
            await page.WaitForTimeoutAsync(1000);
            var control = await page.Frame("control")!.Locator("#sign-in").CountAsync();
            var victim = page.Frame("victim");
            var rendered = victim is not null && await victim.Locator("#sign-in").CountAsync() > 0;

            Assert.Equal(1, control);
            Assert.Contains(requested, url => url.StartsWith(Origin + "/account/login", StringComparison.Ordinal));
            Assert.False(rendered, "the login page rendered inside a frame (clickjacking)");
        });
    }
}
