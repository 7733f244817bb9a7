using System.Net;
using System.Text.Json;
using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.SmsSignIn;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Acr;

/// <summary>
/// The product's promise to a relying party — "when I ask for <c>smpp</c>, nobody gets my user's token with a
/// password alone" — as one table: every entry point an attacker who knows the victim's password (not the phone)
/// can reach, times every way a request or a client demands the acr. Each case asserts that the password leads to
/// the SMS step (never to a code for the client) and that completing it yields acr <c>smpp</c> with
/// amr <c>pwd sms mfa</c>. Closes: the acr downgrade through <c>/account/login?returnUrl=</c>, through the
/// chooser's POST, and through an earlier password-only session (security review, issue 10).
/// </summary>
public sealed class AcrGuaranteeTests(AcrGuaranteeFixture fixture) : IClassFixture<AcrGuaranteeFixture>
{
    private IdPServer Server => fixture.Server;

    public static TheoryData<string, string> EntryPointsTimesDemands()
    {
        var data = new TheoryData<string, string>();
        foreach (var entry in new[] { "authorize", "login-return-url", "chooser-post", "password-session-first" })
        {
            foreach (var demand in new[] { "acr_values", "essential-claim", "client-refuses-below-30", "client-raises-to-30", "client-default-acr" })
            {
                data.Add(entry, demand);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EntryPointsTimesDemands))]
    public async Task PasswordAlone_NeverYieldsAToken_AndTheSmsStepGivesSmppWithMfa(string entry, string demand)
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var (rp, request) = await DemandAsync(demand);
        using var browser = Server.CreateOidcClient();

        var loginPage = await EnterAsync(browser, entry, request, user);
        Assert.True(loginPage.IsLoginPage && loginPage.HasElement("Input_Password"), $"{entry}/{demand}: expected the password step, got {loginPage}");
        var afterPassword = await browser.SubmitLoginAsync(loginPage, user.Username, user.Password);

        Assert.False(CodeFor(afterPassword), $"{entry}/{demand}: the password alone reached the client: {afterPassword}");
        Assert.True(afterPassword.IsLoginPage && afterPassword.HasElement("Input_Code"), $"{entry}/{demand}: expected the SMS code step, got {afterPassword}\n{Landing.Shorten(afterPassword.Html)}");

        var landing = await browser.SubmitCodeAsync(afterPassword, SmsServerFixture.CodeIn(await fixture.SmsToAsync(number)));
        Assert.True(landing.Callback.ContainsKey("code"), $"{entry}/{demand}: expected the callback, got {landing}");
        var tokens = await browser.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        var idToken = Jwt.Payload(tokens.IdToken);
        Assert.Equal("smpp", idToken.GetProperty("acr").GetString());
        Assert.Equal(["pwd", "sms", "mfa"], idToken.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Chooser_StillOffersAndStartsAMethod_WhenTheRequestLetsThePersonChoose()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        var request = AuthorizeRequest.For(rp);
        using var browser = Server.CreateOidcClient();

        var chooser = await browser.AuthorizeAsync(request);
        Assert.Equal("/account/choose", chooser.Url.AbsolutePath);
        var response = await PostChooserAsync(browser, chooser, request, "smpp");
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);

        var loginPage = await browser.NavigateAsync(response.Headers.Location!.ToString());
        var codePage = await browser.SubmitLoginAsync(loginPage, user.Username, user.Password);
        var landing = await browser.SubmitCodeAsync(codePage, SmsServerFixture.CodeIn(await fixture.SmsToAsync(number)));
        var tokens = await browser.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        Assert.Equal("smpp", Jwt.Payload(tokens.IdToken).GetProperty("acr").GetString());
    }

    [Fact]
    public async Task Chooser_PwdPickedForOneRequest_DoesNotAnswerAStricterRequestWithTheSameSession()
    {
        // A pwd session picked on the chooser for a request without preference; then a request naming smpp.
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        var relaxed = AuthorizeRequest.For(rp);
        using var browser = Server.CreateOidcClient();
        var chooser = await browser.AuthorizeAsync(relaxed);
        var response = await PostChooserAsync(browser, chooser, relaxed, "pwd");
        var landing = await browser.SubmitLoginAsync(await browser.NavigateAsync(response.Headers.Location!.ToString()), user.Username, user.Password);
        var relaxedTokens = await browser.ExchangeCodeAsync(rp, landing.Callback["code"], relaxed.CodeVerifier);
        Assert.Equal("pwd", Jwt.Payload(relaxedTokens.IdToken).GetProperty("acr").GetString());

        var strict = AuthorizeRequest.For(rp) with { Extra = new Dictionary<string, string> { ["acr_values"] = "smpp" } };
        var again = await browser.AuthorizeAsync(strict);
        Assert.False(CodeFor(again), "a pwd session answered an smpp request");
        Assert.True(again.IsLoginPage, again.ToString());
    }

    [Fact]
    public async Task EnrollmentAtSignIn_ReportsPwdWithoutMfa_NotTheLevelOfTheNewPhone()
    {
        // Closes: with enrollment=signin, binding an attacker's number after the password gave acr smpp (level 30).
        var user = await Server.CreateUserAsync(phone: null);
        var rp = await Server.CreateClientAsync();
        var request = AuthorizeRequest.For(rp) with { Extra = new Dictionary<string, string> { ["acr_values"] = "smpp" } };
        using var browser = Server.CreateOidcClient();

        var enroll = await browser.SubmitLoginAsync(await browser.AuthorizeAsync(request), user.Username, user.Password);
        var number = SmsServerFixture.NewMobileNumber();
        var codePage = await PostEnrollAsync(browser, enroll, number);
        var landing = await browser.SubmitCodeAsync(codePage, SmsServerFixture.CodeIn(await fixture.SmsToAsync(number)));

        var tokens = await browser.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        var idToken = Jwt.Payload(tokens.IdToken);
        Assert.Equal("pwd", idToken.GetProperty("acr").GetString());
        Assert.DoesNotContain("mfa", idToken.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [InlineData("essential-claim")]
    [InlineData("client-refuses-below-30")]
    public async Task EnrollmentAtSignIn_UnderAHardDemand_RunsSmppAgainstTheNewPhoneBeforeAnyToken(string demand)
    {
        var user = await Server.CreateUserAsync(phone: null);
        var (rp, request) = await DemandAsync(demand);
        using var browser = Server.CreateOidcClient();

        var enroll = await browser.SubmitLoginAsync(await browser.AuthorizeAsync(request), user.Username, user.Password);
        var number = SmsServerFixture.NewMobileNumber();
        var codePage = await PostEnrollAsync(browser, enroll, number);
        var afterEnrollment = await browser.SubmitCodeAsync(codePage, SmsServerFixture.CodeIn(await fixture.SmsToAsync(number)));

        // The enrollment sign-in reports pwd, which this request does not accept: the stricter method runs next.
        Assert.False(CodeFor(afterEnrollment), $"{demand}: enrollment alone reached the client: {afterEnrollment}");
        Assert.True(afterEnrollment.IsLoginPage && afterEnrollment.HasElement("Input_Password"), afterEnrollment.ToString());
        var secondCode = await browser.SubmitLoginAsync(afterEnrollment, user.Username, user.Password);
        var landing = await browser.SubmitCodeAsync(secondCode, SmsServerFixture.CodeIn(await fixture.SmsToAsync(number, nth: 2)));
        var tokens = await browser.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        Assert.Equal("smpp", Jwt.Payload(tokens.IdToken).GetProperty("acr").GetString());
    }

    [Fact]
    public async Task ClientRefusingBelow30_UserWithoutPhone_NeverFallsBackToPassword()
    {
        // The script's alternative (pwd) is outside what the client accepts: the flow fails instead of falling back.
        var user = await Server.CreateUserAsync(phone: null);
        var rp = await Server.CreateClientAsync(spec => { spec.AllowedAcrs = ["smpp"]; spec.MinimumAcrLevel = 30; spec.RefuseBelowMinimum = true; });
        await SetEnrollmentAsync("portal");
        try
        {
            using var browser = Server.CreateOidcClient();
            var request = AuthorizeRequest.For(rp);
            var notice = await browser.SubmitLoginAsync(await browser.AuthorizeAsync(request), user.Username, user.Password);
            Assert.False(CodeFor(notice), notice.ToString());
            Assert.False(notice.HasElement("Input_Password"), "the pwd fallback was offered to a client that refuses it");
            var back = await browser.NavigateAsync(request.ToPathAndQuery());
            Assert.Equal("access_denied", back.Callback["error"]);
        }
        finally
        {
            await SetEnrollmentAsync("signin");
        }
    }

    [Fact]
    public async Task ChooserPost_WithoutAReturnUrlTheChooserAllows_IsRefused()
    {
        var rp = await Server.CreateClientAsync(spec => spec.DefaultAcrValues = ["smpp"]);
        var request = AuthorizeRequest.For(rp);
        using var browser = Server.CreateOidcClient();
        var anyPage = await browser.NavigateAsync("/account/login");

        Assert.Equal(HttpStatusCode.BadRequest, (await PostChooserAsync(browser, anyPage, request, "pwd")).StatusCode);
        var get = await browser.Http.GetAsync("/account/choose?returnUrl=" + Uri.EscapeDataString(request.ToPathAndQuery()));
        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
    }

    /// <summary>True when the browser was sent back to the client with an authorization code.</summary>
    private static bool CodeFor(Landing landing) => landing.ExternalRedirect is not null && landing.Callback.ContainsKey("code");

    private async Task SetEnrollmentAsync(string policy)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AcrSettingsStore>();
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Enrollment, policy, CancellationToken.None);
        await store.LoadFreshSnapshotAsync(CancellationToken.None);
    }

    private async Task<(TestClient Client, AuthorizeRequest Request)> DemandAsync(string demand)
    {
        var rp = demand switch
        {
            "client-refuses-below-30" => await Server.CreateClientAsync(spec => { spec.AllowedAcrs = ["smpp"]; spec.MinimumAcrLevel = 30; spec.RefuseBelowMinimum = true; }),
            "client-raises-to-30" => await Server.CreateClientAsync(spec => spec.MinimumAcrLevel = 30),
            "client-default-acr" => await Server.CreateClientAsync(spec => spec.DefaultAcrValues = ["smpp"]),
            _ => await Server.CreateClientAsync(),
        };
        var extra = demand switch
        {
            "acr_values" => new Dictionary<string, string> { ["acr_values"] = "smpp" },
            "essential-claim" => new Dictionary<string, string>
            {
                ["claims"] = JsonSerializer.Serialize(new { id_token = new { acr = new { essential = true, values = new[] { "smpp" } } } }),
            },
            "client-raises-to-30" => new Dictionary<string, string> { ["acr_values"] = "pwd" },
            _ => new Dictionary<string, string>(),
        };
        return (rp, AuthorizeRequest.For(rp) with { Extra = extra });
    }

    /// <summary>Reaches the password page the way the named entry point does.</summary>
    private static async Task<Landing> EnterAsync(OidcTestClient browser, string entry, AuthorizeRequest request, TestUser user)
    {
        switch (entry)
        {
            case "login-return-url":
                // The login page for the client's authorization request, opened directly instead of through it.
                return await browser.NavigateAsync("/account/login?returnUrl=" + Uri.EscapeDataString(request.ToPathAndQuery()));
            case "chooser-post":
                // The chooser's POST with a weaker method for a request that never offered the chooser.
                var anyPage = await browser.NavigateAsync("/account/login");
                var response = await PostChooserAsync(browser, anyPage, request, "pwd");
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                return await browser.NavigateAsync(request.ToPathAndQuery());
            case "password-session-first":
                // A password-only session from the login page's own default flow, then the request.
                var own = await browser.NavigateAsync("/account/login");
                var signedIn = await browser.SubmitLoginAsync(own, user.Username, user.Password);
                Assert.True(browser.HasSessionCookie, $"the default sign-in did not start a session: {signedIn}");
                return await browser.AuthorizeAsync(request);
            default:
                return await browser.AuthorizeAsync(request);
        }
    }

    private static Task<HttpResponseMessage> PostChooserAsync(OidcTestClient browser, Landing pageWithToken, AuthorizeRequest request, string acr) =>
        browser.Http.PostAsync("/account/choose?returnUrl=" + Uri.EscapeDataString(request.ToPathAndQuery()), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["acr"] = acr,
            ["ReturnUrl"] = request.ToPathAndQuery(),
            ["__RequestVerificationToken"] = pageWithToken.AntiforgeryToken ?? throw new InvalidOperationException("no antiforgery token"),
        }));

    private static async Task<Landing> PostEnrollAsync(OidcTestClient browser, Landing enrollPage, string number)
    {
        Assert.True(enrollPage.HasElement("Input_PhoneNumber"), $"expected the enrollment step, got {enrollPage}\n{Landing.Shorten(enrollPage.Html)}");
        var response = await browser.Http.PostAsync(enrollPage.Url.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Action"] = "enroll",
            ["Input.PhoneNumber"] = number,
            ["__RequestVerificationToken"] = enrollPage.AntiforgeryToken ?? throw new InvalidOperationException("no antiforgery token"),
        }));
        return new Landing(response.StatusCode, enrollPage.Url, await response.Content.ReadAsStringAsync(), null, response);
    }
}
