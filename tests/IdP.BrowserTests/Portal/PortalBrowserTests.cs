using IdP.Authentication.Phones;
using IdP.Authentication.Sms;
using IdP.BrowserTests.Infrastructure;
using IdP.BrowserTests.PageObjects;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Portal.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace IdP.BrowserTests.Portal;

/// <summary>
/// A person in Chromium uses the account portal: re-enrolls a phone end to end (the code read from the independent
/// SMSC peer, through the node's real SMPP session) and the next smpp sign-in texts the new number, gets a wrong code
/// refused, meets the removal policy, enrolls a phone inside an smpp sign-in, signs out another session, and uses the
/// keyboard alone. Every page passes axe-core (no serious or critical violations) and is screenshotted.
/// </summary>
public sealed class PortalBrowserTests(PortalBrowserFixture fixture) : IClassFixture<PortalBrowserFixture>
{
    private string Origin => fixture.Server.Origin;

    [Fact]
    public async Task ReEnroll_OnPhoneSizedScreen_NewNumberVerifiedOldNumberNotifiedAndNextSmppSignInTextsTheNewNumber()
    {
        var user = await fixture.CreateUserAsync();
        var old = user.Phone!;
        var replacement = NewNumberNotEndingLike(old);
        var mark = fixture.Sms.Mark();
        await fixture.RunAsync(nameof(ReEnroll_OnPhoneSizedScreen_NewNumberVerifiedOldNumberNotifiedAndNextSmppSignInTextsTheNewNumber), async page =>
        {
            await PortalPages.SignInAsync(page, Origin, user);
            await PortalPages.AssertAccessibleAsync(page, "overview");
            await PortalPages.AssertFitsWidthAsync(page);

            await page.Locator("#manage-phones").ClickAsync();
            await PortalPages.StepUpAsync(page, user, fixture.Sms);
            await PortalPages.AssertAccessibleAsync(page, "phones");
            await PortalPages.AssertFitsWidthAsync(page);

            await Assertions.Expect(page.Locator("#Add_Region")).ToHaveValueAsync("DE");
            await page.GetByLabel("Mobile number").FillAsync(TestNumbers.National(replacement));
            await page.GetByLabel("Name of this phone (optional)").FillAsync("new phone");
            var beforeSend = fixture.Sms.Mark();
            await page.Locator("#send-code").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/phones/verify");
            await Assertions.Expect(page.Locator("#sent-to")).ToContainTextAsync(PhoneNumberRules.Mask(replacement));
            await PortalPages.AssertAccessibleAsync(page, "verify");
            await PortalPages.AssertFitsWidthAsync(page);

            // The code as the independent SMSC received it for the new number.
            await page.GetByLabel("Code from the text message").FillAsync(await fixture.Sms.NextCodeAsync(beforeSend, replacement));
            await page.Locator("#verify").ClickAsync();

            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/phones", new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("was verified and added");
            await Assertions.Expect(page.Locator("#phones")).ToContainTextAsync(PhoneNumberRules.Mask(replacement));
            await PortalBrowserFixture.ScreenshotAsync(page, "portal-phones-after-enrollment");
        }, phoneSized: true);

        Assert.Equal([old, replacement], await fixture.NumbersAsync(user.Id));

        // The old number got the change notice through the SMSC.
        var notice = await fixture.Sms.WaitForTextToAsync(old, mark, t => t.Contains("If this wasn't you", StringComparison.Ordinal));
        Assert.Contains("ending in " + replacement[^2..], notice, StringComparison.Ordinal);

        // The next smpp sign-in of a relying party: the person picks the new phone, the code goes to it, the flow completes.
        var rp = await TestRelyingParty.RegisterAsync(fixture.Server);
        await fixture.RunAsync(nameof(ReEnroll_OnPhoneSizedScreen_NewNumberVerifiedOldNumberNotifiedAndNextSmppSignInTextsTheNewNumber) + "-next-sign-in", async page =>
        {
            var request = rp.NewRequest(acrValues: "smpp");
            await rp.StartAsync(page, request);
            var login = await LoginPage.ExpectAsync(page);
            await login.Username.FillAsync(user.Username);
            await login.Password.FillAsync(user.Password);
            await page.Locator("#sign-in").ClickAsync();

            await Assertions.Expect(page.Locator("#choose-form")).ToBeVisibleAsync();
            await page.Locator("label.choice", new() { HasText = PhoneNumberRules.Mask(replacement) }).Locator("input[type=radio]").CheckAsync();
            var beforeSend = fixture.Sms.Mark();
            await page.Locator("#send-code").ClickAsync();
            await Assertions.Expect(page.Locator("#Input_Code")).ToBeVisibleAsync();
            var (destination, code) = await fixture.Sms.NextCodeWithDestinationAsync(beforeSend);
            Assert.Equal(replacement, destination);
            await page.Locator("#Input_Code").FillAsync(code);

            var claims = await rp.CompleteAsync(page, request, () => page.Locator("#sign-in").ClickAsync());
            Assert.Equal(user.Id, claims.GetProperty("sub").GetString());
            Assert.Equal("smpp", claims.GetProperty("acr").GetString());
            Assert.DoesNotContain(old, fixture.Sms.DestinationsAfter(beforeSend));
        });
    }

    [Fact]
    public async Task EnrollAtSignIn_UserWithoutPhone_AddsANumberInTheSmppSignInAndItBecomesVerified()
    {
        var user = await fixture.CreateUserAsync(withPhone: false);
        var number = TestNumbers.NewMobile();
        var rp = await TestRelyingParty.RegisterAsync(fixture.Server);
        await PeerSms.SetPropertyAsync(fixture.Server, SmppScriptSettings.Enrollment, "signin");
        try
        {
            await fixture.RunAsync(nameof(EnrollAtSignIn_UserWithoutPhone_AddsANumberInTheSmppSignInAndItBecomesVerified), async page =>
            {
                var request = rp.NewRequest(acrValues: "smpp");
                await rp.StartAsync(page, request);
                var login = await LoginPage.ExpectAsync(page);
                await login.Username.FillAsync(user.Username);
                await login.Password.FillAsync(user.Password);
                await page.Locator("#sign-in").ClickAsync();

                await Assertions.Expect(page.Locator("#enroll-form")).ToBeVisibleAsync();
                await PortalPages.AssertAccessibleAsync(page, "sign-in-enroll");
                await page.Locator("#Input_PhoneNumber").FillAsync(number);
                var beforeSend = fixture.Sms.Mark();
                await page.Locator("#send-code").ClickAsync();

                await Assertions.Expect(page.Locator("#Input_Code")).ToBeVisibleAsync();
                await PortalPages.AssertAccessibleAsync(page, "sign-in-enroll-code");
                await page.Locator("#Input_Code").FillAsync(await fixture.Sms.NextCodeAsync(beforeSend, number));
                var claims = await rp.CompleteAsync(page, request, () => page.Locator("#sign-in").ClickAsync());
                Assert.Equal(user.Id, claims.GetProperty("sub").GetString());

                // The sign-in that bound the number reports the alternative, not the new factor's level (issue 10).
                Assert.Equal("pwd", claims.GetProperty("acr").GetString());
                Assert.DoesNotContain("mfa", claims.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
            });
        }
        finally
        {
            await PeerSms.SetPropertyAsync(fixture.Server, SmppScriptSettings.Enrollment, "portal");
        }

        var phones = await fixture.QueryAsync(db => db.UserPhones.AsNoTracking().Where(p => p.UserId == user.Id).ToListAsync());
        var phone = Assert.Single(phones);
        Assert.Equal(number, phone.Number);
        Assert.NotNull(phone.VerifiedAt);
    }

    /// <summary>A fresh number whose masked form (last two digits) differs from <paramref name="other"/>'s.</summary>
    private static string NewNumberNotEndingLike(string other)
    {
        while (true)
        {
            var number = TestNumbers.NewMobile();
            if (number[^2..] != other[^2..])
            {
                return number;
            }
        }
    }

    [Fact]
    public async Task ReEnroll_WrongCode_ShowsErrorAndOldNumberStays()
    {
        var user = await fixture.CreateUserAsync();
        var replacement = TestNumbers.NewMobile();
        await fixture.RunAsync(nameof(ReEnroll_WrongCode_ShowsErrorAndOldNumberStays), async page =>
        {
            await PortalPages.SignInAsync(page, Origin, user);
            await page.GotoAsync(Origin + "/account/phones");
            await PortalPages.StepUpAsync(page, user, fixture.Sms);
            await page.GetByLabel("Mobile number").FillAsync(replacement);
            var beforeSend = fixture.Sms.Mark();
            await page.Locator("#send-code").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/phones/verify");
            var right = await fixture.Sms.NextCodeAsync(beforeSend, replacement);

            await page.GetByLabel("Code from the text message").FillAsync(right == "000000" ? "111111" : "000000");
            await page.Locator("#verify").ClickAsync();

            await Assertions.Expect(page.Locator("#code-error")).ToContainTextAsync("not right");
            await PortalPages.AssertAccessibleAsync(page, "verify-wrong-code");
        });

        Assert.Equal([user.Phone!], await fixture.NumbersAsync(user.Id));
    }

    [Fact]
    public async Task Remove_LastNumber_BlockedByDefaultPolicy()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.RunAsync(nameof(Remove_LastNumber_BlockedByDefaultPolicy), async page =>
        {
            await PortalPages.SignInAsync(page, Origin, user);
            await page.GotoAsync(Origin + "/account/phones");
            await page.Locator("[id^=remove-]").First.ClickAsync();

            await Assertions.Expect(page.Locator("#remove-blocked")).ToContainTextAsync("only verified number");
            await Assertions.Expect(page.Locator("#confirm-remove")).ToHaveCountAsync(0);
            await PortalPages.AssertAccessibleAsync(page, "remove-blocked");
        });

        Assert.Equal([user.Phone!], await fixture.NumbersAsync(user.Id));
    }

    [Fact]
    public async Task Remove_SecondNumber_AfterStepUp_Removed()
    {
        var user = await fixture.CreateUserAsync();
        var second = TestNumbers.NewMobile();
        await fixture.AddVerifiedPhoneAsync(user.Id, second, "old work phone");
        await fixture.RunAsync(nameof(Remove_SecondNumber_AfterStepUp_Removed), async page =>
        {
            await PortalPages.SignInAsync(page, Origin, user);
            await page.GotoAsync(Origin + "/account/phones");
            await page.Locator("li.phone-card", new() { Has = page.Locator("input[value='old work phone']") }).Locator("[id^=remove-]").ClickAsync();
            await PortalPages.StepUpAsync(page, user, fixture.Sms);
            await PortalPages.AssertAccessibleAsync(page, "remove-confirm");

            await page.Locator("#confirm-remove").ClickAsync();

            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/phones", new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("was removed");
        });

        Assert.Equal([user.Phone!], await fixture.NumbersAsync(user.Id));
    }

    [Fact]
    public async Task Sessions_SignOutOtherSessions_RevokesTheOtherBrowser()
    {
        var user = await fixture.CreateUserAsync();
        await using (var other = await fixture.Browser.NewContextAsync())
        {
            var otherPage = await other.NewPageAsync();
            await PortalPages.SignInAsync(otherPage, Origin, user);
        }

        await fixture.RunAsync(nameof(Sessions_SignOutOtherSessions_RevokesTheOtherBrowser), async page =>
        {
            await PortalPages.SignInAsync(page, Origin, user);
            await page.Locator("#nav-sessions").ClickAsync();
            await Assertions.Expect(page.Locator("li.session-card")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("li.session-card[data-current=true]")).ToHaveCountAsync(1);
            await PortalPages.AssertAccessibleAsync(page, "sessions");

            await page.Locator("#revoke-others").ClickAsync();

            await Assertions.Expect(page.Locator("#status-message")).ToHaveTextAsync("1 other session(s) signed out.");
            await Assertions.Expect(page.Locator("li.session-card")).ToHaveCountAsync(1);
        });

        var sessions = await fixture.QueryAsync(db => db.UserSessions.AsNoTracking().Where(s => s.UserId == user.Id).OrderBy(s => s.CreatedAt).ToListAsync());
        Assert.Equal(2, sessions.Count);
        Assert.NotNull(sessions[0].RevokedAt);
        Assert.Null(sessions[1].RevokedAt);
        Assert.True(await fixture.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.UserId == user.Id && e.Type == AuditEventTypes.SessionRevoked)));
    }

    [Fact]
    public async Task Phones_KeyboardOnly_ReachesAddFormWithVisibleFocusAndSubmits()
    {
        var user = await fixture.CreateUserAsync(withPhone: false);
        var number = TestNumbers.NewMobile();
        await fixture.RunAsync(nameof(Phones_KeyboardOnly_ReachesAddFormWithVisibleFocusAndSubmits), async page =>
        {
            await PortalPages.SignInAsync(page, Origin, user);
            await page.GotoAsync(Origin + "/account/phones");
            var visited = new List<string>();
            for (var i = 0; i < 40 && !visited.Contains("Add_Number"); i++)
            {
                await page.Keyboard.PressAsync("Tab");
                var focused = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.id : ''");
                visited.Add(focused);
                var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
                Assert.True(outline != "none", $"no visible focus on #{focused}");
            }

            Assert.Equal(["nav-overview", "nav-phones", "nav-sessions", "nav-signout"], visited.Take(4));
            Assert.True(visited.IndexOf("Add_Region") < visited.IndexOf("Add_Number"), string.Join(" → ", visited));
            await page.Keyboard.TypeAsync(number);
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("Add_Nickname", await page.EvaluateAsync<string>("() => document.activeElement.id"));
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("send-code", await page.EvaluateAsync<string>("() => document.activeElement.id"));
            var beforeSend = fixture.Sms.Mark();
            await page.Keyboard.PressAsync("Enter");

            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/phones/verify");
            Assert.Equal("Code", await page.EvaluateAsync<string>("() => document.activeElement.id"));
            await page.Keyboard.TypeAsync(await fixture.Sms.NextCodeAsync(beforeSend, number));
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/phones", new() { WaitUntil = WaitUntilState.Commit });
        });

        Assert.Equal([number], await fixture.NumbersAsync(user.Id));
    }
}

/// <summary>The removal policy <c>IdP:Account:LastPhoneRemoval=Allow</c> in the browser.</summary>
public sealed class PortalAllowRemovalBrowserTests(PortalAllowRemovalBrowserFixture fixture) : IClassFixture<PortalAllowRemovalBrowserFixture>
{
    [Fact]
    public async Task Remove_LastNumber_AllowedAfterWarning()
    {
        var user = await fixture.CreateUserAsync();
        await fixture.RunAsync(nameof(Remove_LastNumber_AllowedAfterWarning), async page =>
        {
            await PortalPages.SignInAsync(page, fixture.Server.Origin, user);
            await page.GotoAsync(fixture.Server.Origin + "/account/phones");
            await page.Locator("[id^=remove-]").First.ClickAsync();
            await PortalPages.StepUpAsync(page, user, fixture.Sms);
            await Assertions.Expect(page.Locator("#last-number-warning")).ToContainTextAsync("only verified number");
            await PortalPages.AssertAccessibleAsync(page, "remove-last-warning");

            await page.Locator("#confirm-remove").ClickAsync();

            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/phones", new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.Locator("#no-phones")).ToBeVisibleAsync();
        });

        Assert.Empty(await fixture.NumbersAsync(user.Id));
    }
}
