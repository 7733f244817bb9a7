using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Admin;

/// <summary>Who may use the console: anonymous browsers sign in, non-admins get 403 everywhere, admins get in.</summary>
[Collection(AdminServerCollection.Name)]
public sealed class AdminConsoleAccessTests(AdminServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    /// <summary>Every console page (GET); {user} and {client} are replaced with real ids.</summary>
    public static readonly string[] Pages =
    [
        "/admin", "/admin/methods", "/admin/methods/pwd", "/admin/methods/smpp", "/admin/people", "/admin/people/{user}",
        "/admin/clients", "/admin/clients/new", "/admin/clients/{client}", "/admin/audit", "/admin/sms",
    ];

    /// <summary>Every console form (POST).</summary>
    public static readonly string[] Forms =
    [
        "/admin/methods?handler=Enabled", "/admin/methods?handler=DefaultAcr", "/admin/methods?handler=AdminAcr", "/admin/methods/pwd",
        "/admin/people/{user}?handler=RemovePhones", "/admin/people/{user}?handler=Lock", "/admin/people/{user}?handler=Unlock",
        "/admin/people/{user}?handler=ResetFailures", "/admin/people/{user}?handler=SignOut", "/admin/people/{user}?handler=AddRole",
        "/admin/people/{user}?handler=RemoveRole", "/admin/clients/new?handler=Save", "/admin/clients/{client}?handler=Save",
        "/admin/clients/{client}?handler=RotateSecret", "/admin/clients/{client}?handler=Disabled", "/admin/sms?handler=ResetBreaker",
    ];

    private async Task<Func<string, string>> RoutesAsync()
    {
        var user = await Server.CreateUserAsync();
        var client = await Server.CreateClientAsync();
        return route => route.Replace("{user}", user.Id, StringComparison.Ordinal).Replace("{client}", client.ClientId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_Anonymous_IsSentToSignInWithTheAdminAcr()
    {
        var route = await RoutesAsync();
        using var browser = Server.CreateOidcClient();

        foreach (var page in Pages.Select(route))
        {
            using var response = await browser.Http.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin/signin?returnUrl=" + Uri.EscapeDataString(page), response.Headers.Location!.OriginalString);
        }

        var landing = await browser.NavigateAsync("/admin/people");
        Assert.True(landing.IsLoginPage, landing.ToString());
    }

    [Fact]
    public async Task Console_NonAdmin_Gets403OnEveryPageAndForm()
    {
        var route = await RoutesAsync();
        var person = await Server.CreateUserAsync();
        var (browser, landing) = await fixture.SignInToConsoleAsync(person);
        using var _ = browser;
        Assert.Equal(HttpStatusCode.Forbidden, landing.Status);
        Assert.True(landing.HasElement("admin-forbidden"));

        foreach (var page in Pages.Select(route))
        {
            using var response = await browser.Http.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET {page}: {(int)response.StatusCode}");
        }

        foreach (var form in Forms.Select(route))
        {
            using var response = await browser.Http.PostAsync(form, new FormUrlEncodedContent(new Dictionary<string, string> { ["acr"] = "pwd", ["role"] = "admin" }));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {form}: {(int)response.StatusCode}");
        }

        // Nothing changed: the non-admin did not get the role it tried to give itself.
        Assert.False(await fixture.QueryAsync(db => Task.FromResult(db.UserRoles.Any(r => r.UserId == person.Id))));
    }

    [Fact]
    public async Task Console_Admin_SignsInWithThePasswordAdminAcr_AndSeesEveryPage()
    {
        var route = await RoutesAsync();
        var admin = await fixture.CreateAdminAsync();

        var (browser, landing) = await fixture.SignInToConsoleAsync(admin);
        using var _ = browser;

        Assert.Equal(HttpStatusCode.OK, landing.Status);
        Assert.Equal("/admin", landing.Url.AbsolutePath);
        Assert.Contains("pwd", landing.ElementText("admin-who"), StringComparison.Ordinal);
        foreach (var page in Pages.Select(route))
        {
            using var response = await browser.Http.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {page}: {(int)response.StatusCode}");
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Console_Form_WithoutAntiforgeryToken_IsRejected()
    {
        var admin = await fixture.CreateAdminAsync();
        var user = await Server.CreateUserAsync();
        var (browser, _) = await fixture.SignInToConsoleAsync(admin);
        using var __ = browser;

        using var response = await browser.Http.PostAsync($"/admin/people/{user.Id}?handler=Lock", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await fixture.QueryAsync(db => Task.FromResult(db.Users.Single(u => u.Id == user.Id).LockoutEnd is not null)));
    }
}
