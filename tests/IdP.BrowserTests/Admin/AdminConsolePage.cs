using IdP.BrowserTests.Infrastructure;
using IdP.BrowserTests.PageObjects;
using Microsoft.Playwright;

namespace IdP.BrowserTests.Admin;

/// <summary>The admin console (/admin) as an admin sees it: sign-in with the admin acr, navigation, status messages.</summary>
public sealed class AdminConsolePage(IPage page, string origin)
{
    public IPage Page => page;

    public ILocator Status => page.Locator("#admin-status");

    public ILocator Error => page.Locator("#admin-error");

    /// <summary>Opens the console anonymously: the IdP asks for the admin acr's sign-in (password in tests), then shows the console.</summary>
    public static async Task<AdminConsolePage> SignInAsync(IPage page, string origin, string username, string password)
    {
        await page.GotoAsync(origin + "/admin");
        var login = await LoginPage.ExpectAsync(page);
        await login.Username.FillAsync(username);
        await login.Password.FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#admin-who")).ToContainTextAsync(username);
        return new AdminConsolePage(page, origin);
    }

    /// <summary>Opens the console anonymously with the admin acr <c>smpp</c>: password, then the code read from the SMSC peer.</summary>
    public static async Task<AdminConsolePage> SignInWithSmsAsync(IPage page, string origin, string username, string password, PeerSms sms)
    {
        await page.GotoAsync(origin + "/admin");
        var login = await LoginPage.ExpectAsync(page);
        await login.Username.FillAsync(username);
        await login.Password.FillAsync(password);
        var mark = sms.Mark();
        await page.Locator("#sign-in").ClickAsync();
        await Assertions.Expect(page.Locator("#Input_Code")).ToBeVisibleAsync();
        await page.Locator("#Input_Code").FillAsync(await sms.NextCodeAsync(mark));
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#admin-who")).ToContainTextAsync(username);
        return new AdminConsolePage(page, origin);
    }

    /// <summary>Opens a console page, waits for its heading and saves a screenshot of it.</summary>
    public async Task OpenAsync(string path, string screenshot)
    {
        await page.GotoAsync(origin + path);
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "admin-" + screenshot);
    }

    public async Task<AdminConsolePage> ClickAndExpectStatusAsync(string selector, string statusContains)
    {
        await page.Locator(selector).ClickAsync();
        await Assertions.Expect(Status).ToContainTextAsync(statusContains);
        return this;
    }
}
