using System.Net.Http.Json;
using System.Text.Json;
using IdP.Authentication.Engine;
using IdP.BrowserTests.Infrastructure;
using IdP.Data;
using IdP.Server.Admin;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IdP.BrowserTests.Admin;

/// <summary>
/// An admin runs IdP from a real browser: signs in with the admin acr (pwd here: smpp is not enabled),
/// manages methods and the default acr, removes a person's phones, registers a client that then completes a
/// flow. Every console page is saved as a screenshot (TestResults/screenshots/admin-*.png).
/// </summary>
public sealed class AdminConsoleBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string Origin => fixture.Server.Origin;

    public Task InitializeAsync() =>
        // Chosen explicitly, so that enabling smpp here does not make it the console's acr (its fallback).
        WithServicesAsync(sp => sp.GetRequiredService<AcrSettingsStore>().SetAdminAcrAsync("pwd", CancellationToken.None));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task WithServicesAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    private async Task<TestUser> CreateAdminAsync()
    {
        var admin = await fixture.Server.CreateUserAsync(phone: null);
        await WithServicesAsync(async sp =>
        {
            var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(AdminConsole.Role))
            {
                await roles.CreateAsync(new IdentityRole(AdminConsole.Role));
            }

            var users = sp.GetRequiredService<UserManager<IdP.Data.Entities.IdPUser>>();
            await users.AddToRoleAsync((await users.FindByIdAsync(admin.Id))!, AdminConsole.Role);
        });
        return admin;
    }

    [Fact]
    public async Task NonAdmin_Gets403OnEveryConsolePage_AndTheApiRefusesTheBrowserSession()
    {
        var person = await fixture.Server.CreateUserAsync(phone: null);
        var someone = await fixture.Server.CreateUserAsync(phone: null);
        await BrowserSession.RunAsync(fixture, nameof(NonAdmin_Gets403OnEveryConsolePage_AndTheApiRefusesTheBrowserSession), async page =>
        {
            await page.GotoAsync(Origin + "/admin");
            var login = await IdP.BrowserTests.PageObjects.LoginPage.ExpectAsync(page);
            await login.Username.FillAsync(person.Username);
            await login.Password.FillAsync(person.Password);
            await page.Locator("#sign-in").ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin", new() { WaitUntil = WaitUntilState.Commit });
            await BrowserSession.ScreenshotAsync(page, "admin-403");

            string[] pages =
            [
                "/admin", "/admin/methods", "/admin/methods/pwd", "/admin/methods/smpp", "/admin/people", $"/admin/people/{someone.Id}",
                "/admin/clients", "/admin/clients/new", "/admin/clients/demo-client", "/admin/audit", "/admin/sms",
            ];
            foreach (var path in pages)
            {
                var response = await page.GotoAsync(Origin + path);
                Assert.True(response!.Status == 403, $"{path}: {response.Status}");
                await Assertions.Expect(page.Locator("#admin-who")).ToHaveCountAsync(0);
            }

            // The API takes only client-credentials tokens with idp.admin: the signed-in browser's cookie is no key.
            string[] api = ["/admin/api/scripts", "/admin/api/settings", "/admin/api/people?q=a", $"/admin/api/people/{someone.Id}", "/admin/api/clients"];
            foreach (var path in api)
            {
                var response = await page.APIRequest.GetAsync(Origin + path);
                Assert.True(response.Status is 401 or 403, $"{path}: {response.Status}");
            }

            var write = await page.APIRequest.DeleteAsync($"{Origin}/admin/api/people/{someone.Id}/phones");
            Assert.True(write.Status is 401 or 403, $"DELETE phones: {write.Status}");
        });
    }

    private async Task<List<string?>> AcrValuesSupportedAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Origin) };
        var discovery = await http.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        return discovery.GetProperty("acr_values_supported").EnumerateArray().Select(e => e.GetString()).ToList();
    }

    [Fact]
    public async Task Admin_DisablesAScriptAndSetsTheDefaultAcr_DiscoveryFollows()
    {
        var admin = await CreateAdminAsync();
        await WithServicesAsync(sp => sp.GetRequiredService<AcrSettingsStore>().SetEnabledAsync("smpp", true, CancellationToken.None));
        Assert.Contains("smpp", await AcrValuesSupportedAsync());

        await BrowserSession.RunAsync(fixture, nameof(Admin_DisablesAScriptAndSetsTheDefaultAcr_DiscoveryFollows), async page =>
        {
            var console = await AdminConsolePage.SignInAsync(page, Origin, admin.Username, admin.Password);
            await console.OpenAsync("/admin", "overview");
            await console.OpenAsync("/admin/methods/smpp", "method-properties");
            await Assertions.Expect(page.Locator("#smpp-test-connection")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#prop-password")).ToHaveAttributeAsync("placeholder", "not set");
            await console.OpenAsync("/admin/methods", "methods");

            // The default acr: smpp, then back to pwd (smpp cannot be disabled while it is the default).
            await page.Locator("#default-acr").SelectOptionAsync("smpp");
            await console.ClickAndExpectStatusAsync("#save-default-acr", "default acr is now 'smpp'");
            await Assertions.Expect(page.Locator("#methods tr[data-acr='smpp'] td").First).ToContainTextAsync("(default)");
            await page.Locator("#default-acr").SelectOptionAsync("pwd");
            await console.ClickAndExpectStatusAsync("#save-default-acr", "default acr is now 'pwd'");

            await console.ClickAndExpectStatusAsync("#toggle-smpp", "Disabled 'smpp'");
            await Assertions.Expect(page.Locator("#methods tr[data-acr='smpp'] .state")).ToHaveTextAsync("disabled");
            await BrowserSession.ScreenshotAsync(page, "admin-methods-after-disable");
        });

        Assert.DoesNotContain("smpp", await AcrValuesSupportedAsync());
        Assert.Contains("pwd", await AcrValuesSupportedAsync());
    }

    [Fact]
    public async Task Admin_RemovesAPhone_RegistersAClient_AndTheClientCompletesAFlow()
    {
        var admin = await CreateAdminAsync();
        var person = await fixture.Server.CreateUserAsync(phone: "+4915112345673");
        var clientId = "browser-" + Guid.NewGuid().ToString("N")[..8];
        const string redirectUri = "http://127.0.0.1:9/callback";

        await BrowserSession.RunAsync(fixture, nameof(Admin_RemovesAPhone_RegistersAClient_AndTheClientCompletesAFlow), async page =>
        {
            var console = await AdminConsolePage.SignInAsync(page, Origin, admin.Username, admin.Password);

            // People: find by phone number (any formatting), open, remove the phones.
            await console.OpenAsync("/admin/people", "people");
            await page.Locator("#q").FillAsync("+49 151 1234 5673");
            await page.Locator("#search").ClickAsync();
            await page.Locator($"#people tr[data-user='{person.Username}'] a").ClickAsync();
            await Assertions.Expect(page.Locator("#person-name")).ToHaveTextAsync(person.Username);
            await BrowserSession.ScreenshotAsync(page, "admin-person");
            await console.ClickAndExpectStatusAsync("#remove-phones", "Removed 1 phone number(s)");
            await Assertions.Expect(page.Locator("#no-phones")).ToBeVisibleAsync();

            // Clients: register a public client with an exact loopback redirect URI.
            await console.OpenAsync("/admin/clients", "clients");
            await page.Locator("#new-client").ClickAsync();
            await Assertions.Expect(page.Locator("#client-form")).ToBeVisibleAsync();
            await page.Locator("#client-id").FillAsync(clientId);
            await page.Locator("#redirect-uris").FillAsync(redirectUri);
            await page.Locator("#consent").SelectOptionAsync("implicit");
            await BrowserSession.ScreenshotAsync(page, "admin-client-new");
            await console.ClickAndExpectStatusAsync("#save-client", $"Registered '{clientId}'");
            await BrowserSession.ScreenshotAsync(page, "admin-client");

            await console.OpenAsync("/admin/audit", "audit");
            await Assertions.Expect(page.Locator("#audit tr[data-type='phone.removed']").First).ToBeVisibleAsync();
            await console.OpenAsync("/admin/sms", "sms");
            await Assertions.Expect(page.Locator("#breaker-state")).ToContainTextAsync("Closed");

            // The new client completes a code flow in the same browser (the admin's session, implicit consent).
            var request = new AuthorizeRequest { ClientId = clientId, RedirectUri = redirectUri, Scope = "openid profile" };
            var callback = page.WaitForRequestAsync(r => r.Url.StartsWith(redirectUri, StringComparison.Ordinal));
            _ = page.GotoAsync(Origin + request.ToPathAndQuery()).ContinueWith(_ => { }, TaskScheduler.Default);
            var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri((await callback).Url).Query)["code"].ToString();

            using var oidc = fixture.Server.CreateOidcClient();
            var tokens = await oidc.ExchangeCodeAsync(new TestClient(clientId, null, redirectUri, null), code, request.CodeVerifier);
            Assert.True(tokens.IsSuccess, tokens.ToString());
            Assert.Equal(admin.Id, (await oidc.ValidateJwtAsync(tokens.IdToken, clientId)).GetProperty("sub").GetString());
        });

        await WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<IdPDbContext>();
            Assert.False(await db.UserPhones.AnyAsync(p => p.UserId == person.Id));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.UserId == person.Id && e.ActorId == admin.Id && e.Type == "phone.removed"));
        });
    }
}
