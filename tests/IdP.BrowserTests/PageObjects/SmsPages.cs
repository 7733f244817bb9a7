using Microsoft.Playwright;

namespace IdP.BrowserTests.PageObjects;

/// <summary>The <c>smpp</c> acr's code page (<c>sms-code</c>): masked number, reference, expiry, live delivery state, resend.</summary>
public sealed class SmsCodePage(IPage page)
{
    public IPage Page => page;

    public ILocator Code => page.Locator("#Input_Code");

    /// <summary>"We sent a code to +49 •••• •••• •78. …"</summary>
    public ILocator Message => page.Locator("#step-message");

    /// <summary>The reference the SMS shows, in the <c>&lt;strong&gt;</c> of <c>#sms-reference</c>.</summary>
    public ILocator Reference => page.Locator("#sms-reference strong");

    public ILocator Expiry => page.Locator("#sms-expiry");

    public ILocator Delivery => page.Locator("#sms-delivery");

    public ILocator Resend => page.Locator("#resend");

    public ILocator ResendCountdown => page.Locator("#resend-countdown");

    /// <summary>The server's notice, e.g. when a new code was asked for too early.</summary>
    public ILocator Notice => page.Locator("#step-notice");

    public ILocator Error => page.Locator("#login-error");

    /// <summary>
    /// Runs <paramref name="action"/> and waits until the browser shows a new document (the code page posts back to
    /// the same URL, so the URL cannot tell the pages apart): the old document carries a mark the new one lacks.
    /// </summary>
    internal static async Task NavigateByAsync(IPage page, Func<Task> action)
    {
        await page.EvaluateAsync("() => { window.__idpOldDocument = true; }");
        await action();
        await page.WaitForFunctionAsync("() => !window.__idpOldDocument && document.readyState !== 'loading'");
    }

    public static async Task<SmsCodePage> ExpectAsync(IPage page)
    {
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#Input_Code")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#sms-reference strong")).ToBeVisibleAsync();
        return new SmsCodePage(page);
    }

    /// <summary>The right code for an application that asks for consent.</summary>
    public async Task<ConsentPage> EnterCodeExpectingConsentAsync(string code)
    {
        await Code.FillAsync(code);
        await page.Locator("#sign-in").ClickAsync();
        return await ConsentPage.ExpectAsync(page);
    }

    /// <summary>A code the server refuses: the code page again, with the error.</summary>
    public async Task<SmsCodePage> EnterCodeExpectingErrorAsync(string code)
    {
        await Code.FillAsync(code);
        await NavigateByAsync(page, () => page.Locator("#sign-in").ClickAsync());
        await Assertions.Expect(Error).ToBeVisibleAsync();
        return await ExpectAsync(page);
    }

    /// <summary>Clicks "Send a new code" once the page enables it (after the cooldown).</summary>
    public async Task<SmsCodePage> ResendWhenEnabledAsync()
    {
        await Assertions.Expect(Resend).ToBeEnabledAsync();
        await NavigateByAsync(page, () => Resend.ClickAsync());
        return await ExpectAsync(page);
    }

    /// <summary>
    /// Submits the resend form although the page still disables the button, as a user without JavaScript (or a
    /// stale tab) could: the server must enforce the cooldown itself.
    /// </summary>
    public async Task<SmsCodePage> ResendBypassingTheButtonAsync()
    {
        await NavigateByAsync(page, () => page.Locator("#resend-form").EvaluateAsync("form => form.submit()"));
        await Assertions.Expect(Notice).ToBeVisibleAsync();
        return await ExpectAsync(page);
    }
}

/// <summary>The <c>smpp</c> acr's page when the SMS could not be sent (<c>sms-send-failed</c>).</summary>
public sealed class SmsSendFailedPage(IPage page)
{
    public IPage Page => page;

    public ILocator Error => page.Locator("#sms-error");

    public ILocator TryAgain => page.Locator("#resend");

    public static async Task<SmsSendFailedPage> ExpectAsync(IPage page)
    {
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#sms-error")).ToBeVisibleAsync();
        return new SmsSendFailedPage(page);
    }

    /// <summary>"Try again" once enabled; the code page when the SMS goes out this time.</summary>
    public async Task<SmsCodePage> TryAgainAsync()
    {
        await Assertions.Expect(TryAgain).ToBeEnabledAsync();
        await TryAgain.ClickAsync();
        return await SmsCodePage.ExpectAsync(page);
    }
}

/// <summary>The demo relying party's "Sign in with SMS" (acr_values=smpp) and the IdP's password step before the code.</summary>
public static class SmsSignInFlow
{
    /// <summary>Opens /demo and clicks "Sign in with SMS": the IdP's password page.</summary>
    public static async Task<LoginPage> StartAsync(IPage page, string origin)
    {
        await DemoHomePage.OpenAsync(page, origin);
        await page.Locator("#demo-sign-in-sms").ClickAsync();
        return await LoginPage.ExpectAsync(page);
    }

    /// <summary>Submits username and password without expecting a particular next page.</summary>
    public static async Task SubmitPasswordAsync(this LoginPage login, string username, string password)
    {
        await login.Username.FillAsync(username);
        await login.Password.FillAsync(password);
        await login.Page.Locator("#sign-in").ClickAsync();
    }

    public static async Task<SmsCodePage> SignInExpectingCodePageAsync(this LoginPage login, string username, string password)
    {
        await login.SubmitPasswordAsync(username, password);
        return await SmsCodePage.ExpectAsync(login.Page);
    }
}
