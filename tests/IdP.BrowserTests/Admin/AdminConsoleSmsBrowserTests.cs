using System.Net.Http.Json;
using System.Text.Json;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.BrowserTests.Infrastructure;
using IdP.BrowserTests.PageObjects;
using IdP.Data;
using IdP.Server.Admin;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Portal.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IdP.BrowserTests.Admin;

/// <summary>
/// The admin console against the real SMS path (the node's SMPP session bound to the independent npm SMSC peer):
/// the default acr set to <c>smpp</c> makes a request without <c>acr_values</c> run the SMS flow; a phone removed
/// in the console sends the person to enrollment (or the no-phone notice) at the next <c>smpp</c> sign-in; an admin
/// signed in with <c>smpp</c> disables <c>pwd</c> and sees it leave discovery. Shared settings are restored in
/// finally blocks: the tests share one server.
/// </summary>
public sealed class AdminConsoleSmsBrowserTests(SmsBrowserFixture fixture) : IClassFixture<SmsBrowserFixture>, IAsyncLifetime
{
    private string Origin => fixture.Server.Origin;

    public Task InitializeAsync() =>
        // Chosen explicitly: with smpp enabled and no admin acr set, smpp would be the console's acr (its fallback).
        WithStoreAsync(store => store.SetAdminAcrAsync("pwd", CancellationToken.None));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task WithStoreAsync(Func<AcrSettingsStore, Task> action)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AcrSettingsStore>());
    }

    private async Task<TestUser> CreateAdminAsync(string? phone = null)
    {
        var admin = await fixture.Server.CreateUserAsync(phone: phone);
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(AdminConsole.Role))
        {
            await roles.CreateAsync(new IdentityRole(AdminConsole.Role));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdP.Data.Entities.IdPUser>>();
        await users.AddToRoleAsync((await users.FindByIdAsync(admin.Id))!, AdminConsole.Role);
        return admin;
    }

    private async Task<List<string?>> AcrValuesSupportedAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Origin) };
        var discovery = await http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        return discovery.GetProperty("acr_values_supported").EnumerateArray().Select(e => e.GetString()).ToList();
    }

    /// <summary>The password step of a sign-in the browser was sent to.</summary>
    private static async Task EnterPasswordAsync(IPage page, TestUser user)
    {
        var login = await LoginPage.ExpectAsync(page);
        await login.Username.FillAsync(user.Username);
        await login.Password.FillAsync(user.Password);
        await page.Locator("#sign-in").ClickAsync();
    }

    /// <summary>Removes every phone of <paramref name="person"/> in the console, found by number.</summary>
    private static async Task RemovePhonesAsync(AdminConsolePage console, TestUser person)
    {
        var page = console.Page;
        await console.OpenAsync("/admin/people", "people-sms");
        await page.Locator("#q").FillAsync(person.Phone!);
        await page.Locator("#search").ClickAsync();
        await page.Locator($"#people tr[data-user='{person.Username}'] a").ClickAsync();
        await Assertions.Expect(page.Locator("#person-name")).ToHaveTextAsync(person.Username);
        await console.ClickAndExpectStatusAsync("#remove-phones", "Removed 1 phone number(s)");
        await Assertions.Expect(page.Locator("#no-phones")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Admin_SetsTheDefaultAcrToSmpp_ARequestWithoutAcrValuesRunsTheSmsFlow()
    {
        var admin = await CreateAdminAsync();
        var person = await fixture.Server.CreateUserAsync(phone: TestNumbers.NewMobile());
        try
        {
            await BrowserSession.RunAsync(fixture, nameof(Admin_SetsTheDefaultAcrToSmpp_ARequestWithoutAcrValuesRunsTheSmsFlow) + "-admin", async page =>
            {
                var console = await AdminConsolePage.SignInAsync(page, Origin, admin.Username, admin.Password);
                await console.OpenAsync("/admin/methods", "methods-sms");
                await page.Locator("#default-acr").SelectOptionAsync("smpp");
                await console.ClickAndExpectStatusAsync("#save-default-acr", "default acr is now 'smpp'");
                await Assertions.Expect(page.Locator("#methods tr[data-acr='smpp'] td").First).ToContainTextAsync("(default)");
                await BrowserSession.ScreenshotAsync(page, "admin-methods-default-smpp");
            });

            // The demo relying party sends no acr_values: the default acr decides, and it is now smpp.
            await BrowserSession.RunAsync(fixture, nameof(Admin_SetsTheDefaultAcrToSmpp_ARequestWithoutAcrValuesRunsTheSmsFlow) + "-person", async page =>
            {
                await (await DemoHomePage.OpenAsync(page, Origin)).SignInAsync();
                var mark = fixture.Sms.Mark();
                await EnterPasswordAsync(page, person);

                await Assertions.Expect(page.Locator("#Input_Code")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("#sms-reference")).ToBeVisibleAsync();
                await page.Locator("#Input_Code").FillAsync(await fixture.Sms.NextCodeAsync(mark, person.Phone!));
                await page.Locator("#sign-in").ClickAsync();

                await page.WaitForURLAsync(url => new Uri(url).AbsolutePath is "/consent" or "/demo/callback", new() { WaitUntil = WaitUntilState.Commit });
                var result = new Uri(page.Url).AbsolutePath == "/consent"
                    ? await new ConsentPage(page).AcceptAsync()
                    : await DemoResultPage.ExpectAsync(page);
                var claims = await result.IdTokenClaimsAsync();
                Assert.Equal(person.Id, claims.GetProperty("sub").GetString());
                Assert.Equal("smpp", claims.GetProperty("acr").GetString());
                await BrowserSession.ScreenshotAsync(page, "admin-default-smpp-demo-result");
            });
        }
        finally
        {
            await WithStoreAsync(store => store.SetDefaultAcrAsync("pwd", CancellationToken.None));
        }
    }

    [Fact]
    public async Task Admin_RemovesAPhone_WithEnrollmentAtSignIn_ThePersonsNextSmppSignInAsksForANumber()
    {
        var admin = await CreateAdminAsync();
        var person = await fixture.Server.CreateUserAsync(phone: TestNumbers.NewMobile());
        var replacement = TestNumbers.NewMobile();
        var rp = await TestRelyingParty.RegisterAsync(fixture.Server);
        await PeerSms.SetPropertyAsync(fixture.Server, SmppScriptSettings.Enrollment, "signin");
        try
        {
            await BrowserSession.RunAsync(fixture, nameof(Admin_RemovesAPhone_WithEnrollmentAtSignIn_ThePersonsNextSmppSignInAsksForANumber) + "-admin", async page =>
                await RemovePhonesAsync(await AdminConsolePage.SignInAsync(page, Origin, admin.Username, admin.Password), person));

            await BrowserSession.RunAsync(fixture, nameof(Admin_RemovesAPhone_WithEnrollmentAtSignIn_ThePersonsNextSmppSignInAsksForANumber) + "-person", async page =>
            {
                var request = rp.NewRequest(acrValues: "smpp");
                await rp.StartAsync(page, request);
                await EnterPasswordAsync(page, person);

                await Assertions.Expect(page.Locator("#enroll-form")).ToBeVisibleAsync();
                await BrowserSession.ScreenshotAsync(page, "admin-removed-phone-enroll");
                await page.Locator("#Input_PhoneNumber").FillAsync(replacement);
                var mark = fixture.Sms.Mark();
                await page.Locator("#send-code").ClickAsync();
                await Assertions.Expect(page.Locator("#Input_Code")).ToBeVisibleAsync();
                await page.Locator("#Input_Code").FillAsync(await fixture.Sms.NextCodeAsync(mark, replacement));
                var claims = await rp.CompleteAsync(page, request, () => page.Locator("#sign-in").ClickAsync());

                // The sign-in that bound the number does not report its level (it proved possession of a number
                // that was not the account's): the password alternative, without mfa (security review, issue 10).
                Assert.Equal("pwd", claims.GetProperty("acr").GetString());
                Assert.DoesNotContain("mfa", claims.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
                Assert.DoesNotContain(person.Phone!, fixture.Sms.DestinationsAfter(mark));
            });
        }
        finally
        {
            await PeerSms.SetPropertyAsync(fixture.Server, SmppScriptSettings.Enrollment, "portal");
        }

        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var phones = await scope.ServiceProvider.GetRequiredService<IdPDbContext>().UserPhones.AsNoTracking().Where(p => p.UserId == person.Id).ToListAsync();
        Assert.Equal(replacement, Assert.Single(phones).Number);
        Assert.NotNull(phones[0].VerifiedAt);
    }

    [Fact]
    public async Task Admin_RemovesAPhone_WithEnrollmentInThePortal_ThePersonsNextSmppSignInShowsTheNoPhoneNotice()
    {
        var admin = await CreateAdminAsync();
        var person = await fixture.Server.CreateUserAsync(phone: TestNumbers.NewMobile());
        var rp = await TestRelyingParty.RegisterAsync(fixture.Server);
        var mark = fixture.Sms.Mark();

        await BrowserSession.RunAsync(fixture, nameof(Admin_RemovesAPhone_WithEnrollmentInThePortal_ThePersonsNextSmppSignInShowsTheNoPhoneNotice) + "-admin", async page =>
            await RemovePhonesAsync(await AdminConsolePage.SignInAsync(page, Origin, admin.Username, admin.Password), person));

        await BrowserSession.RunAsync(fixture, nameof(Admin_RemovesAPhone_WithEnrollmentInThePortal_ThePersonsNextSmppSignInShowsTheNoPhoneNotice) + "-person", async page =>
        {
            await rp.StartAsync(page, rp.NewRequest(acrValues: "smpp"));
            await EnterPasswordAsync(page, person);

            await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("no verified mobile number");
            await Assertions.Expect(page.Locator("#enroll-form")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#Input_Code")).ToHaveCountAsync(0);
            await BrowserSession.ScreenshotAsync(page, "admin-removed-phone-notice");
        });

        // The removed number was told of the removal (a notice), and never got a code again.
        var texts = await fixture.Sms.WaitForTextToAsync(person.Phone!, mark, t => t.Contains("this phone number was removed", StringComparison.Ordinal));
        Assert.DoesNotMatch(@"#\d{4,10}", texts);
    }

    [Fact]
    public async Task Admin_SignedInWithSmpp_DisablesPwd_ItLeavesAcrValuesSupported()
    {
        var admin = await CreateAdminAsync(phone: TestNumbers.NewMobile());
        await WithStoreAsync(store => store.SetAdminAcrAsync("smpp", CancellationToken.None));
        try
        {
            await BrowserSession.RunAsync(fixture, nameof(Admin_SignedInWithSmpp_DisablesPwd_ItLeavesAcrValuesSupported), async page =>
            {
                var console = await AdminConsolePage.SignInWithSmsAsync(page, Origin, admin.Username, admin.Password, fixture.Sms);
                await console.OpenAsync("/admin/methods", "methods-admin-smpp");

                // pwd is the default: another default first, then pwd can go.
                await page.Locator("#default-acr").SelectOptionAsync("smpp");
                await console.ClickAndExpectStatusAsync("#save-default-acr", "default acr is now 'smpp'");
                await console.ClickAndExpectStatusAsync("#toggle-pwd", "Disabled 'pwd'");
                await Assertions.Expect(page.Locator("#methods tr[data-acr='pwd'] .state")).ToHaveTextAsync("disabled");
                await BrowserSession.ScreenshotAsync(page, "admin-methods-pwd-disabled");

                var supported = await AcrValuesSupportedAsync();
                Assert.DoesNotContain("pwd", supported);
                Assert.Contains("smpp", supported);

                await console.ClickAndExpectStatusAsync("#toggle-pwd", "Enabled 'pwd'");
                await page.Locator("#default-acr").SelectOptionAsync("pwd");
                await console.ClickAndExpectStatusAsync("#save-default-acr", "default acr is now 'pwd'");
            });

            Assert.Contains("pwd", await AcrValuesSupportedAsync());
        }
        finally
        {
            await WithStoreAsync(async store =>
            {
                await store.SetEnabledAsync("pwd", true, CancellationToken.None);
                await store.SetDefaultAcrAsync("pwd", CancellationToken.None);
                await store.SetAdminAcrAsync("pwd", CancellationToken.None);
            });
        }
    }
}
