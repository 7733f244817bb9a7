using System.Text.RegularExpressions;
using IdP.Server.IntegrationTests.Acr;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Races;

/// <summary>
/// Requests that send an SMS, fired in parallel over HTTP at one node or alternating between two nodes on one
/// PostgreSQL database; the independent SMSC counts what was actually sent. The attacks closed: "a reload never
/// sends" and every send limit were check-then-act, so parallel requests each sent an SMS (SMS pumping, toll fraud),
/// and choosing or changing the number skipped the resend cooldown.
/// </summary>
[Collection(TwoNodeCollection.Name)]
public sealed partial class ParallelSendTests(TwoNodeFixture fixture)
{
    private static readonly TimeSpan PastCooldown = TimeSpan.FromSeconds(31); // resend_cooldown_seconds defaults to 30

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task FiftyParallelFirstLoadsOfTheCodePage_SendExactlyOne_AndFiftyReloadsNone(int nodes)
    {
        // The code page is first shown by the password step's answer: a replayed (double-clicked, scripted) password
        // form is a parallel first load.
        var number = TwoNodeFixture.NewNumber();
        var user = await fixture.NodeA.CreateUserAsync(phone: number);
        using var browser = fixture.NodeA.CreateOidcClient();
        var login = await browser.AuthorizeAsync(ParallelCodeTests.Smpp(await fixture.NodeA.CreateClientAsync()));

        var pages = await Burst.PostAsync(fixture.Nodes(nodes), browser, login, 50, _ => new() { ["Input.Username"] = user.Username, ["Input.Password"] = user.Password });
        Assert.All(pages, p => Assert.Contains("id=\"Input_Code\"", p.Html, StringComparison.Ordinal));
        await fixture.AssertSentAsync(user.Id, 1, number);

        await Burst.SendAsync(fixture.Nodes(nodes), 50, _ => new BurstRequest(browser, login.Url.PathAndQuery));
        await fixture.AssertSentAsync(user.Id, 1, number);

        // The one code that went out is the live one: the sign-in completes with it.
        var codePage = await browser.NavigateAsync(login.Url.PathAndQuery);
        var landing = await browser.SubmitCodeAsync(codePage, await fixture.CodeToAsync(number));
        Assert.True(landing.Callback.ContainsKey("code"), landing.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task FiftyParallelResends_AfterTheCooldown_SendExactlyOne(int nodes)
    {
        var number = TwoNodeFixture.NewNumber();
        var user = await fixture.NodeA.CreateUserAsync(phone: number);
        using var browser = fixture.NodeA.CreateOidcClient();
        var codePage = await browser.SubmitLoginAsync(await browser.AuthorizeAsync(ParallelCodeTests.Smpp(await fixture.NodeA.CreateClientAsync())), user.Username, user.Password);
        await fixture.AssertSentAsync(user.Id, 1, number);

        var early = await Burst.PostAsync(fixture.Nodes(nodes), browser, codePage, 50, _ => new() { ["Input.Action"] = "resend" });
        await fixture.AssertSentAsync(user.Id, 1, number);
        Assert.All(early, p => Assert.Contains("You can ask for a new one in", p.Html, StringComparison.Ordinal));

        fixture.Clock.Advance(PastCooldown);
        await Burst.PostAsync(fixture.Nodes(nodes), browser, codePage, 50, _ => new() { ["Input.Action"] = "resend" });
        await fixture.AssertSentAsync(user.Id, 2, number);

        var landing = await browser.SubmitCodeAsync(await browser.NavigateAsync(codePage.Url.PathAndQuery), await fixture.CodeToAsync(number, nth: 2));
        Assert.True(landing.Callback.ContainsKey("code"), landing.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task FiftyParallelChoosesAndChanges_SendExactlyOnePerCooldown(int nodes)
    {
        // Two verified numbers: the chooser. "Use another number" then "choose" used to send at once, cooldown or not.
        var first = TwoNodeFixture.NewNumber();
        var second = TwoNodeFixture.NewNumber();
        var user = await fixture.NodeA.CreateUserAsync(phone: first);
        await fixture.AddVerifiedPhoneAsync(user.Id, second);
        using var browser = fixture.NodeA.CreateOidcClient();
        var chooser = await browser.SubmitLoginAsync(await browser.AuthorizeAsync(ParallelCodeTests.Smpp(await fixture.NodeA.CreateClientAsync())), user.Username, user.Password);
        var ids = ChoiceValue().Matches(chooser.Html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, ids.Count);
        await fixture.AssertSentAsync(user.Id, 0, first, second);

        await Burst.PostAsync(fixture.Nodes(nodes), browser, chooser, 50, i => new() { ["Input.Action"] = "choose", ["Input.Phone"] = ids[i % 2] });
        await fixture.AssertSentAsync(user.Id, 1, first, second);

        var codePage = await browser.NavigateAsync(chooser.Url.PathAndQuery);
        await Burst.PostAsync(fixture.Nodes(nodes), browser, codePage, 50, _ => new() { ["Input.Action"] = "change" });
        await fixture.AssertSentAsync(user.Id, 1, first, second);

        var chooserAgain = await browser.NavigateAsync(chooser.Url.PathAndQuery);
        await Burst.PostAsync(fixture.Nodes(nodes), browser, chooserAgain, 50, i => new() { ["Input.Action"] = i % 2 == 0 ? "change" : "choose", ["Input.Phone"] = ids[1] });
        await fixture.AssertSentAsync(user.Id, 1, first, second);

        fixture.Clock.Advance(PastCooldown);
        await Burst.PostAsync(fixture.Nodes(nodes), browser, chooserAgain, 50, i => new() { ["Input.Action"] = "choose", ["Input.Phone"] = ids[i % 2] });
        await fixture.AssertSentAsync(user.Id, 2, first, second);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task BurstPastThePerNumberLimit_TenFlowsToOneNumber_SendExactlyTheLimit(int nodes)
    {
        // Ten sign-ins (ten browsers) of one account, all at the password step at once: IdP:Sms:PerNumberLimit is 3.
        var number = TwoNodeFixture.NewNumber();
        var user = await fixture.NodeA.CreateUserAsync(phone: number);
        var rp = await fixture.NodeA.CreateClientAsync();
        var browsers = Enumerable.Range(0, 10).Select(_ => fixture.NodeA.CreateOidcClient()).ToList();
        try
        {
            var logins = new List<Landing>();
            foreach (var browser in browsers)
            {
                logins.Add(await browser.AuthorizeAsync(ParallelCodeTests.Smpp(rp)));
            }

            var pages = await Burst.SendAsync(fixture.Nodes(nodes), 10, i => new BurstRequest(browsers[i], logins[i].Url.PathAndQuery,
                Burst.WithToken(logins[i], new() { ["Input.Username"] = user.Username, ["Input.Password"] = user.Password })));

            await fixture.AssertSentAsync(user.Id, 3, number);
            Assert.Equal(7, pages.Count(p => p.Html.Contains("Too many codes were sent to this number", StringComparison.Ordinal)));
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    [GeneratedRegex("name=\"Input.Phone\" value=\"([^\"]+)\"")]
    private static partial Regex ChoiceValue();
}
