using System.Text.Json;
using Microsoft.Playwright;

namespace IdP.BrowserTests.PageObjects;

/// <summary>The demo relying party's callback page: the id_token it received, or the error.</summary>
public sealed class DemoResultPage(IPage page)
{
    public IPage Page => page;

    public ILocator Error => page.Locator("#demo-error");

    public static async Task<DemoResultPage> ExpectAsync(IPage page)
    {
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/demo/callback", new() { WaitUntil = WaitUntilState.Commit });
        return new DemoResultPage(page);
    }

    /// <summary>The id_token claims the relying party shows.</summary>
    public async Task<JsonElement> IdTokenClaimsAsync()
    {
        var text = await page.Locator("#id-token-claims").InnerTextAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>RP-initiated logout with id_token_hint; back at the demo's start page.</summary>
    public async Task<DemoHomePage> SignOutAsync()
    {
        await page.Locator("#demo-sign-out").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/demo", new() { WaitUntil = WaitUntilState.Commit });
        return new DemoHomePage(page);
    }
}
