using System.Net;
using System.Text.RegularExpressions;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Portal;

/// <summary>One browser using the portal: sign-in, form posts with antiforgery, step-up with the SMS code.</summary>
public sealed partial class PortalClient(PortalServerFixture fixture) : IDisposable
{
    public OidcTestClient Browser { get; } = fixture.Server.CreateOidcClient();

    /// <summary>Anonymous visit to /account, sign in with the password, back at /account.</summary>
    public async Task<Landing> SignInAsync(TestUser user)
    {
        var login = await Browser.NavigateAsync("/account");
        Assert.True(login.IsLoginPage, $"an anonymous visit was not sent to sign in: {login}");
        var landing = await CompleteSmsAsync(await Browser.SubmitLoginAsync(login, user.Username, user.Password));
        Assert.True(landing.Url.AbsolutePath == "/account" && landing.Status == HttpStatusCode.OK, $"sign-in did not return to the portal: {landing}\n{Landing.Shorten(landing.Html)}");
        return landing;
    }

    public Task<Landing> GetAsync(string path) => Browser.NavigateAsync(path);

    /// <summary>Posts a form of <paramref name="page"/> (its antiforgery token) and follows the IdP's redirects.</summary>
    public async Task<Landing> PostAsync(Landing page, string path, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = page.AntiforgeryToken ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
        var response = await Browser.Http.PostAsync(path, new FormUrlEncodedContent(form));
        if ((int)response.StatusCode is 302 or 303)
        {
            return await Browser.NavigateAsync(response.Headers.Location!.ToString());
        }

        return new Landing(response.StatusCode, response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync(), null, response);
    }

    /// <summary>"Confirm it's you" from <paramref name="path"/>: password, then (for smpp) the code sent to the current phone.</summary>
    public async Task<Landing> StepUpAsync(string path, TestUser user)
    {
        var page = await GetAsync(path);
        Assert.True(page.HasElement("step-up"), $"{path} did not ask to confirm it's you:\n{Landing.Shorten(page.Html)}");
        var login = await PostAsync(page, "/account/reauthenticate", new() { ["returnUrl"] = path });
        Assert.True(login.IsLoginPage, $"step-up did not lead to the login page: {login}");
        Assert.Equal(user.Username, login.InputValue("Input.Username"));
        var back = await CompleteSmsAsync(await Browser.SubmitLoginAsync(login, user.Username, user.Password));
        Assert.True(back.Url.AbsolutePath == path, $"step-up did not return to {path}: {back}\n{Landing.Shorten(back.Html)}");
        Assert.False(back.HasElement("step-up"), "still asked to confirm after the step-up");
        return back;
    }

    /// <summary>Adds a number through the form; returns the page after "Send code".</summary>
    public async Task<Landing> StartAddAsync(string number, string? nickname = null, string? region = null)
    {
        var phones = await GetAsync("/account/phones");
        Assert.True(phones.HasElement("add-form"), $"no add form (step-up needed?):\n{Landing.Shorten(phones.Html)}");
        return await PostAsync(phones, "/account/phones?handler=Add", new()
        {
            ["Add.Number"] = number,
            ["Add.Nickname"] = nickname ?? "",
            ["Add.Region"] = region ?? "DE",
        });
    }

    public async Task<Landing> EnterEnrollmentCodeAsync(Landing verifyPage, string code) =>
        await PostAsync(verifyPage, "/account/phones/verify", new() { ["Code"] = code });

    /// <summary>Answers the smpp script's pages (number chooser, code) with the code the recording channel saw.</summary>
    private async Task<Landing> CompleteSmsAsync(Landing landing)
    {
        if (landing.IsLoginPage && landing.HasElement("choose-form"))
        {
            var first = ChoiceValue().Match(landing.Html).Groups[1].Value;
            landing = await PostAsync(landing, "/account/login", new() { ["Input.Action"] = "choose", ["Input.Phone"] = first, ["ReturnUrl"] = landing.InputValue("ReturnUrl") ?? "" });
        }

        if (landing.IsLoginPage && landing.HasElement("code-form"))
        {
            var destination = fixture.Sms.Sent.Last().Destination;
            landing = await PostAsync(landing, "/account/login", new() { ["Input.Code"] = fixture.Sms.LastCodeTo(destination), ["ReturnUrl"] = landing.InputValue("ReturnUrl") ?? "" });
        }

        return landing;
    }

    public void Dispose() => Browser.Dispose();

    [GeneratedRegex("name=\"Input.Phone\" value=\"([^\"]+)\"")]
    private static partial Regex ChoiceValue();
}
