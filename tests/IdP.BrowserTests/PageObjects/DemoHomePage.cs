using Microsoft.Playwright;

namespace IdP.BrowserTests.PageObjects;

/// <summary>The demo relying party's start page (/demo).</summary>
public sealed class DemoHomePage(IPage page)
{
    public IPage Page => page;

    public static async Task<DemoHomePage> OpenAsync(IPage page, string origin)
    {
        await page.GotoAsync(origin + "/demo");
        await Assertions.Expect(page.Locator("#demo-sign-in")).ToBeVisibleAsync();
        return new DemoHomePage(page);
    }

    /// <summary>Clicks "Sign in with IdP"; without a session the IdP shows its login page.</summary>
    public async Task<LoginPage> SignInAsync()
    {
        await page.Locator("#demo-sign-in").ClickAsync();
        return await LoginPage.ExpectAsync(page);
    }

    /// <summary>Clicks "Sign in with IdP" with a session and consent already given: straight back to the result.</summary>
    public async Task<DemoResultPage> SignInSilentlyAsync()
    {
        await page.Locator("#demo-sign-in").ClickAsync();
        return await DemoResultPage.ExpectAsync(page);
    }
}
