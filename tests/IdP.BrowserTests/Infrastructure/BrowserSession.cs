using Microsoft.Playwright;

namespace IdP.BrowserTests.Infrastructure;

/// <summary>
/// Runs one test in a fresh browser context with a Playwright trace that is kept (under
/// TestResults/playwright-traces/) only when the test fails.
/// </summary>
public static class BrowserSession
{
    public static Task RunAsync(BrowserFixture fixture, string testName, Func<IPage, Task> test) =>
        RunAsync(fixture.Browser, testName, test);

    /// <summary>The same with the browser of another fixture (e.g. the SMS sign-in's).</summary>
    public static async Task RunAsync(IBrowser browser, string testName, Func<IPage, Task> test)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        // Generous: CI runs every test project at once on 2 cores, and the demo relying party's
        // callback makes its own token request. A wait that passes never costs this time.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Sources = false, Title = testName });
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
            await context.Tracing.StopAsync();
        }
        catch
        {
            var directory = Path.Combine(BrowserFixture.OutputDirectory, "playwright-traces");
            Directory.CreateDirectory(directory);
            await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(directory, testName + ".zip") });
            throw;
        }
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots/ and returns its path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(BrowserFixture.OutputDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
