using Microsoft.Playwright;

namespace IdP.BrowserTests.PageObjects;

/// <summary>The IdP's hosted password page.</summary>
public sealed class LoginPage(IPage page)
{
    public IPage Page => page;

    public ILocator Username => page.Locator("#Input_Username");

    public ILocator Password => page.Locator("#Input_Password");

    public ILocator Error => page.Locator("#login-error");

    public static async Task<LoginPage> ExpectAsync(IPage page)
    {
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        return new LoginPage(page);
    }

    private async Task SubmitAsync(string username, string password)
    {
        await Username.FillAsync(username);
        await Password.FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
    }

    /// <summary>Right credentials for an application that asks for consent.</summary>
    public async Task<ConsentPage> SignInExpectingConsentAsync(string username, string password)
    {
        await SubmitAsync(username, password);
        return await ConsentPage.ExpectAsync(page);
    }

    /// <summary>Wrong credentials: the same page again, with the error shown.</summary>
    public async Task<LoginPage> SignInExpectingErrorAsync(string username, string password)
    {
        await SubmitAsync(username, password);
        await Assertions.Expect(Error).ToBeVisibleAsync();
        return await ExpectAsync(page);
    }
}
