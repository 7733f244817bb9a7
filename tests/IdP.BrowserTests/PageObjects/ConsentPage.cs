using Microsoft.Playwright;

namespace IdP.BrowserTests.PageObjects;

/// <summary>The IdP's consent page.</summary>
public sealed class ConsentPage(IPage page)
{
    public IPage Page => page;

    public ILocator ClientName => page.Locator("#client-name");

    public ILocator Scopes => page.Locator("#scopes li");

    public static async Task<ConsentPage> ExpectAsync(IPage page)
    {
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/consent", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#consent-accept")).ToBeVisibleAsync();
        return new ConsentPage(page);
    }

    public async Task<DemoResultPage> AcceptAsync()
    {
        await page.Locator("#consent-accept").ClickAsync();
        return await DemoResultPage.ExpectAsync(page);
    }

    public async Task<DemoResultPage> DenyAsync()
    {
        await page.Locator("#consent-deny").ClickAsync();
        return await DemoResultPage.ExpectAsync(page);
    }
}
