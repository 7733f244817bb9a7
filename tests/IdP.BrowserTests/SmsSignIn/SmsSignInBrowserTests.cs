using System.Text.Json;
using IdP.Authentication.Phones;
using IdP.BrowserTests.Infrastructure;
using IdP.BrowserTests.PageObjects;
using Microsoft.Playwright;

namespace IdP.BrowserTests.SmsSignIn;

/// <summary>
/// A real browser signs in with the <c>smpp</c> acr through the demo relying party ("Sign in with SMS",
/// acr_values=smpp): password, then the code of a text message the node sent over its SMPP session to the
/// independent npm <c>smpp</c> SMSC (tests/peers/smsc.js), then consent and the id_token the relying party received.
/// </summary>
public sealed class SmsSignInBrowserTests(SmsBrowserFixture fixture) : IClassFixture<SmsBrowserFixture>
{
    private string Origin => fixture.Origin;

    [Fact]
    public async Task SmsSignIn_CodeFromTheSmsc_RelyingPartyReceivesSmppWithMfa()
    {
        var number = SmsBrowserFixture.NewMobileNumber();
        var user = await fixture.Server.CreateUserAsync(phone: number, name: "SMS Browser User");
        await BrowserSession.RunAsync(fixture.Browser, nameof(SmsSignIn_CodeFromTheSmsc_RelyingPartyReceivesSmppWithMfa), async page =>
        {
            var login = await SmsSignInFlow.StartAsync(page, Origin);
            var codePage = await login.SignInExpectingCodePageAsync(user.Username, user.Password);
            var sms = await fixture.SmsToAsync(number);

            // The page names the number only masked, and the reference the SMS shows.
            await Assertions.Expect(codePage.Message).ToContainTextAsync(PhoneNumberRules.Mask(number));
            await Assertions.Expect(codePage.Reference).ToHaveTextAsync(sms.Reference);
            Assert.DoesNotContain(number[3..], await page.ContentAsync());
            await Assertions.Expect(codePage.Code).ToHaveAttributeAsync("autocomplete", "one-time-code");
            await Assertions.Expect(codePage.Expiry).ToContainTextAsync("The code expires in");
            Assert.Contains($"ref {sms.Reference}", sms.Text);

            // The SMSC's delivery receipt reaches the page.
            await Assertions.Expect(codePage.Delivery).ToContainTextAsync("Delivered");
            await BrowserSession.ScreenshotAsync(page, "sms-code-page");

            var claims = await CompleteAsync(codePage, sms.Code);

            Assert.Equal(user.Id, claims.GetProperty("sub").GetString());
            Assert.Equal("smpp", claims.GetProperty("acr").GetString());
            Assert.Equal(["pwd", "sms", "mfa"], claims.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
            var now = fixture.Clock.GetUtcNow();
            Assert.InRange(claims.GetProperty("auth_time").GetInt64(), now.AddMinutes(-2).ToUnixTimeSeconds(), now.ToUnixTimeSeconds() + 1);
            Assert.Equal(number, claims.GetProperty("phone_number").GetString());
            Assert.True(claims.GetProperty("phone_number_verified").GetBoolean());
            Assert.Equal(1, fixture.SmsCountTo(number));
        });
    }

    [Fact]
    public async Task SmsSignIn_WrongCode_ShowsTheErrorAndTheRightCodeStillWorks()
    {
        var number = SmsBrowserFixture.NewMobileNumber();
        var user = await fixture.Server.CreateUserAsync(phone: number);
        await BrowserSession.RunAsync(fixture.Browser, nameof(SmsSignIn_WrongCode_ShowsTheErrorAndTheRightCodeStillWorks), async page =>
        {
            var codePage = await (await SmsSignInFlow.StartAsync(page, Origin)).SignInExpectingCodePageAsync(user.Username, user.Password);
            var sms = await fixture.SmsToAsync(number);
            var wrong = sms.Code.StartsWith('0') ? "1" + sms.Code[1..] : "0" + sms.Code[1..];

            var again = await codePage.EnterCodeExpectingErrorAsync(wrong);

            await Assertions.Expect(again.Error).ToContainTextAsync("That code is not right. You have 4 more tries");
            await Assertions.Expect(again.Reference).ToHaveTextAsync(sms.Reference);
            var claims = await CompleteAsync(again, sms.Code);
            Assert.Equal("smpp", claims.GetProperty("acr").GetString());
            Assert.Equal(1, fixture.SmsCountTo(number));
        });
    }

    [Fact]
    public async Task SmsSignIn_ReloadOfTheCodePage_SendsNoSecondSms()
    {
        var number = SmsBrowserFixture.NewMobileNumber();
        var user = await fixture.Server.CreateUserAsync(phone: number);
        await BrowserSession.RunAsync(fixture.Browser, nameof(SmsSignIn_ReloadOfTheCodePage_SendsNoSecondSms), async page =>
        {
            var codePage = await (await SmsSignInFlow.StartAsync(page, Origin)).SignInExpectingCodePageAsync(user.Username, user.Password);
            var sms = await fixture.SmsToAsync(number);

            for (var i = 0; i < 3; i++)
            {
                await page.ReloadAsync();
                codePage = await SmsCodePage.ExpectAsync(page);
                await Assertions.Expect(codePage.Reference).ToHaveTextAsync(sms.Reference);
            }

            // The first code still works (a new one would have replaced it), and the SMSC saw one message.
            var claims = await CompleteAsync(codePage, sms.Code);
            Assert.Equal("smpp", claims.GetProperty("acr").GetString());
            Assert.Equal(1, fixture.SmsCountTo(number));
        });
    }

    [Fact]
    public async Task SmsSignIn_UserWithoutPhone_NoticeThenPasswordSignIn()
    {
        var user = await fixture.Server.CreateUserAsync(phone: null);
        await BrowserSession.RunAsync(fixture.Browser, nameof(SmsSignIn_UserWithoutPhone_NoticeThenPasswordSignIn), async page =>
        {
            var login = await SmsSignInFlow.StartAsync(page, Origin);
            await login.SubmitPasswordAsync(user.Username, user.Password);

            // acr_values=smpp is voluntary: the password alternative, with the reason.
            var notice = page.Locator("#notice");
            await Assertions.Expect(notice).ToContainTextAsync("no verified mobile number");
            await Assertions.Expect(page.Locator("#Input_Password")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#Input_Code")).ToHaveCountAsync(0);
            await BrowserSession.ScreenshotAsync(page, "sms-no-phone-notice");

            // The password alternative signs in; after consent the relying party gets what was achieved: pwd.
            var consent = await new LoginPage(page).SignInExpectingConsentAsync(user.Username, user.Password);
            await Assertions.Expect(consent.ClientName).ToHaveTextAsync("IdP demo application");
            var claims = await (await consent.AcceptAsync()).IdTokenClaimsAsync();
            Assert.Equal(user.Id, claims.GetProperty("sub").GetString());
            Assert.Equal("pwd", claims.GetProperty("acr").GetString());
            Assert.Equal(["pwd"], claims.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
        });
    }

    [Fact]
    public async Task SmsSignIn_Resend_WaitsForTheCooldown_ThenTheNewCodeWorks()
    {
        var number = SmsBrowserFixture.NewMobileNumber();
        var user = await fixture.Server.CreateUserAsync(phone: number);
        await BrowserSession.RunAsync(fixture.Browser, nameof(SmsSignIn_Resend_WaitsForTheCooldown_ThenTheNewCodeWorks), async page =>
        {
            var codePage = await (await SmsSignInFlow.StartAsync(page, Origin)).SignInExpectingCodePageAsync(user.Username, user.Password);
            var first = await fixture.SmsToAsync(number);

            // The page disables the button and counts down…
            await Assertions.Expect(codePage.Resend).ToBeDisabledAsync();
            await Assertions.Expect(codePage.ResendCountdown).ToContainTextAsync("available in 0:");

            // …and the server refuses a resend that comes too early anyway.
            var early = await codePage.ResendBypassingTheButtonAsync();
            await Assertions.Expect(early.Notice).ToContainTextAsync("A code was just sent");
            await Assertions.Expect(early.Reference).ToHaveTextAsync(first.Reference);
            Assert.Equal(1, fixture.SmsCountTo(number));

            // After the cooldown: a new SMS, whose reference the page shows and whose code signs in.
            var resent = await early.ResendWhenEnabledAsync();
            var second = await fixture.SmsToAsync(number, nth: 2);
            await Assertions.Expect(resent.Reference).ToHaveTextAsync(second.Reference);
            await Assertions.Expect(resent.Resend).ToBeDisabledAsync();
            var claims = await CompleteAsync(resent, second.Code);
            Assert.Equal("smpp", claims.GetProperty("acr").GetString());
            Assert.Equal(2, fixture.SmsCountTo(number));
        });
    }

    [Fact]
    public async Task SmsSignIn_ExpiredCode_IsRefused()
    {
        var number = SmsBrowserFixture.NewMobileNumber();
        var user = await fixture.Server.CreateUserAsync(phone: number);
        await BrowserSession.RunAsync(fixture.Browser, nameof(SmsSignIn_ExpiredCode_IsRefused), async page =>
        {
            var codePage = await (await SmsSignInFlow.StartAsync(page, Origin)).SignInExpectingCodePageAsync(user.Username, user.Password);
            var sms = await fixture.SmsToAsync(number);

            fixture.Clock.Advance(SmsBrowserFixture.CodeLifetime + TimeSpan.FromSeconds(30));
            try
            {
                var expired = await codePage.EnterCodeExpectingErrorAsync(sms.Code);
                await Assertions.Expect(expired.Error).ToContainTextAsync("This code has expired. Ask for a new code.");
            }
            finally
            {
                fixture.Clock.Reset();
            }
        });
    }

    [Fact]
    public async Task SmsSignIn_SmscDown_SendFailedPage_ThenTryAgainOnceItIsBack()
    {
        var number = SmsBrowserFixture.NewMobileNumber();
        var user = await fixture.Server.CreateUserAsync(phone: number);
        await fixture.StopSmscAsync();
        try
        {
            await BrowserSession.RunAsync(fixture.Browser, nameof(SmsSignIn_SmscDown_SendFailedPage_ThenTryAgainOnceItIsBack), async page =>
            {
                var login = await SmsSignInFlow.StartAsync(page, Origin);
                await login.SubmitPasswordAsync(user.Username, user.Password);
                var failed = await SmsSendFailedPage.ExpectAsync(page);
                await Assertions.Expect(failed.Error).ToContainTextAsync("the SMS service is not reachable");
                await Assertions.Expect(page.Locator("#Input_Code")).ToHaveCountAsync(0);
                await BrowserSession.ScreenshotAsync(page, "sms-send-failed");

                await fixture.StartSmscAsync();
                var codePage = await failed.TryAgainAsync();
                var sms = await fixture.SmsToAsync(number);
                await Assertions.Expect(codePage.Reference).ToHaveTextAsync(sms.Reference);
                var claims = await CompleteAsync(codePage, sms.Code);
                Assert.Equal("smpp", claims.GetProperty("acr").GetString());
                Assert.Equal(["pwd", "sms", "mfa"], claims.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
            });
        }
        finally
        {
            // The next test needs the SMSC again, whatever happened here.
            await fixture.StartSmscAsync();
        }
    }

    [Fact]
    public async Task AcrDowngrade_LoginPageOpenedWithTheClientsAuthorizeUrl_StillTextsTheCodeAndReportsSmpp()
    {
        // Closes: a client that allows only smpp (level 30, refuse below) got acr pwd when the browser opened
        // /account/login?returnUrl=<its authorization request> instead of the authorization URL (security review).
        var number = SmsBrowserFixture.NewMobileNumber();
        var user = await fixture.Server.CreateUserAsync(phone: number);
        var rp = await TestRelyingParty.RegisterAsync(fixture.Server, spec =>
        {
            spec.AllowedAcrs = ["smpp"];
            spec.MinimumAcrLevel = 30;
            spec.RefuseBelowMinimum = true;
        });
        await BrowserSession.RunAsync(fixture.Browser, nameof(AcrDowngrade_LoginPageOpenedWithTheClientsAuthorizeUrl_StillTextsTheCodeAndReportsSmpp), async page =>
        {
            var request = rp.NewRequest();
            await page.GotoAsync(Origin + "/account/login?returnUrl=" + Uri.EscapeDataString(request.ToPathAndQuery()));
            var codePage = await (await LoginPage.ExpectAsync(page)).SignInExpectingCodePageAsync(user.Username, user.Password);
            var sms = await fixture.SmsToAsync(number);

            await codePage.Code.FillAsync(sms.Code);
            var claims = await rp.CompleteAsync(page, request, () => page.Locator("#sign-in").ClickAsync());
            Assert.Equal("smpp", claims.GetProperty("acr").GetString());
            Assert.Equal(["pwd", "sms", "mfa"], claims.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
        });
    }

    /// <summary>Enters the code, accepts the demo client's consent, returns the id_token claims the relying party shows.</summary>
    private static async Task<JsonElement> CompleteAsync(SmsCodePage codePage, string code)
    {
        var consent = await codePage.EnterCodeExpectingConsentAsync(code);
        var result = await consent.AcceptAsync();
        return await result.IdTokenClaimsAsync();
    }
}
