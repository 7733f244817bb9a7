using System.Text.Json;
using IdP.BrowserTests.PageObjects;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace IdP.BrowserTests.Portal;

/// <summary>What a person does in the portal, as browser steps: sign in, confirm it's you, and the accessibility check.</summary>
public static class PortalPages
{
    /// <summary>Opens /account anonymously, signs in with the password and lands on the overview.</summary>
    public static async Task SignInAsync(IPage page, string origin, TestUser user)
    {
        await page.GotoAsync(origin + "/account");
        var login = await LoginPage.ExpectAsync(page);
        await login.Username.FillAsync(user.Username);
        await login.Password.FillAsync(user.Password);
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#profile-username")).ToHaveTextAsync(user.Username);
    }

    /// <summary>Clicks "Confirm it's you", enters the password and the code texted to the current phone, and is back.</summary>
    public static async Task StepUpAsync(IPage page, TestUser user, PeerSms sms)
    {
        var back = new Uri(page.Url).AbsolutePath;
        var mark = sms.Mark();
        await page.Locator("#step-up").ClickAsync();
        var login = await LoginPage.ExpectAsync(page);
        await Assertions.Expect(login.Username).ToHaveValueAsync(user.Username);
        await login.Password.FillAsync(user.Password);
        await page.Locator("#sign-in").ClickAsync();
        if (await page.Locator("#choose-form").IsVisibleAsync())
        {
            await page.Locator("#send-code").ClickAsync();
        }

        await Assertions.Expect(page.Locator("#code-form")).ToBeVisibleAsync();
        await page.Locator("#Input_Code").FillAsync(await sms.NextCodeAsync(mark));
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == back, new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#step-up")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Runs axe-core in the page and fails on serious or critical violations; saves a screenshot either way.
    /// The script is evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page, string name)
    {
        await PortalBrowserFixture.ScreenshotAsync(page, "portal-" + name);
        Assert.True(File.Exists(PortalBrowserFixture.AxePath), $"axe-core is missing at {PortalBrowserFixture.AxePath}: run npm ci in tests/peers.");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(await File.ReadAllTextAsync(PortalBrowserFixture.AxePath));
        }

        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }))");
        var bad = violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {v.GetProperty("help").GetString()} at {string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}")
            .ToList();
        Assert.True(bad.Count == 0, $"axe found serious or critical problems on {name}:\n" + string.Join("\n", bad));
    }

    /// <summary>Nothing scrolls sideways: the page fits the viewport (phone-sized screens).</summary>
    public static async Task AssertFitsWidthAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
            $"{page.Url} is wider than the viewport");
}
