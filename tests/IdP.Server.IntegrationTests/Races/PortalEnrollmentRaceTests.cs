using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.Portal;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.IntegrationTests.Races;

/// <summary>
/// Adding a phone in the account portal, with requests in parallel or replayed, on one node or two. The attacks
/// closed: parallel "add" posts each texted a number (past the per-account limit with distinct numbers), and the
/// resend cooldown was read from the enrollment cookie, so replaying an older cookie sent again at once.
/// </summary>
[Collection(TwoNodeCollection.Name)]
public sealed class PortalEnrollmentRaceTests(TwoNodeFixture fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task FiftyParallelAdds_OfFiftyDifferentNumbers_SendExactlyOne(int nodes)
    {
        var (user, browser) = await SignedInWithoutPhoneAsync();
        using var _ = browser;
        var numbers = Enumerable.Range(0, 50).Select(_ => TwoNodeFixture.NewNumber()).ToArray();
        var phones = await browser.NavigateAsync("/account/phones");
        Assert.True(phones.HasElement("add-form"), Landing.Shorten(phones.Html));

        var pages = await Burst.SendAsync(fixture.Nodes(nodes), 50, i => new BurstRequest(browser, "/account/phones?handler=Add",
            Burst.WithToken(phones, new() { ["Add.Number"] = numbers[i], ["Add.Region"] = "DE" })));

        await fixture.AssertSentAsync(user.Id, 1, numbers);
        Assert.Equal(49, pages.Count(p => p.Html.Contains("A code was sent a moment ago", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReplayedOlderEnrollmentCookie_WithinTheCooldown_SendsNothing_OnEitherNode()
    {
        var (user, browser) = await SignedInWithoutPhoneAsync();
        using var _ = browser;
        var number = TwoNodeFixture.NewNumber();
        var phones = await browser.NavigateAsync("/account/phones");
        var verify = await PostAsync(browser, phones, "/account/phones?handler=Add", new() { ["Add.Number"] = number, ["Add.Region"] = "DE" });
        Assert.Equal("/account/phones/verify", verify.Url.AbsolutePath);
        var olderCookie = EnrollmentCookieOf(browser);
        await fixture.AssertSentAsync(user.Id, 1, number);

        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        var resent = await PostAsync(browser, verify, "/account/phones/verify?handler=Resend", []);
        Assert.Contains("A new code was sent", resent.ElementText("status-message"), StringComparison.Ordinal);
        Assert.NotEqual(olderCookie, EnrollmentCookieOf(browser));
        await fixture.AssertSentAsync(user.Id, 2, number);

        // The older cookie still says "sent 31 s ago"; the cooldown is kept per account in the database.
        var replays = await Burst.SendAsync(fixture.Nodes(2), 20, _ => new BurstRequest(browser, "/account/phones/verify?handler=Resend", Burst.WithToken(verify, []))
        {
            CookieOverride = (EnrollmentCookie.BaseName, olderCookie),
        });
        Assert.All(replays, r => Assert.Contains("Wait until", r.Html, StringComparison.Ordinal));
        await fixture.AssertSentAsync(user.Id, 2, number);

        // The code of the replayed enrollment was replaced by the resend: only the newest code adds the number.
        var added = await PostAsync(browser, verify, "/account/phones/verify", new() { ["Code"] = await fixture.CodeToAsync(number, nth: 2) });
        Assert.Contains("was verified and added", added.ElementText("status-message"), StringComparison.Ordinal);
        Assert.True(await fixture.QueryAsync(db => db.UserPhones.AnyAsync(p => p.UserId == user.Id && p.Number == number && p.VerifiedAt != null)));
        Assert.Equal(2, await fixture.QueryAsync(db => db.SmsMessages.CountAsync(m => m.UserId == user.Id && m.Purpose == SmsPurposes.Enrollment)));
    }

    /// <summary>A person without a phone, signed in with the password: a fresh session that may add a number.</summary>
    private async Task<(TestUser User, OidcTestClient Browser)> SignedInWithoutPhoneAsync()
    {
        var user = await fixture.NodeA.CreateUserAsync(phone: null);
        var browser = fixture.NodeA.CreateOidcClient();
        var login = await browser.NavigateAsync("/account");
        var home = await browser.SubmitLoginAsync(login, user.Username, user.Password);
        Assert.True(home.Url.AbsolutePath == "/account", $"sign-in did not return to the portal: {home}\n{Landing.Shorten(home.Html)}");
        return (user, browser);
    }

    private static async Task<Landing> PostAsync(OidcTestClient browser, Landing page, string path, Dictionary<string, string> form)
    {
        var response = await browser.Http.PostAsync(path, new FormUrlEncodedContent(Burst.WithToken(page, form)));
        return (int)response.StatusCode is 302 or 303
            ? await browser.NavigateAsync(response.Headers.Location!.ToString())
            : new Landing(response.StatusCode, response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync(), null, response);
    }

    private string EnrollmentCookieOf(OidcTestClient browser) =>
        browser.Cookies.GetCookies(new Uri(fixture.NodeA.Origin + "/account/phones/verify"))[EnrollmentCookie.BaseName]?.Value
        ?? throw new InvalidOperationException("No enrollment cookie.");
}
