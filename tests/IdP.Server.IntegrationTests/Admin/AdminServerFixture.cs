using System.Net.Http.Headers;
using IdP.Server.Admin;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Admin;

/// <summary>
/// A server of its own for the admin tests (they change server-wide settings: enabled scripts, default and
/// admin acr), with a 1-second settings cache, and helpers for admins, console sign-in and API tokens.
/// </summary>
public class AdminServerFixture : IdPServerFixture
{
    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["IdP:Authentication:SettingsCacheDuration"] = "00:00:01";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();

        // Chosen explicitly, so that enabling smpp in a test does not move the admin acr (its fallback).
        await WithStoreAsync(s => s.SetAdminAcrAsync("pwd", CancellationToken.None));
    }

    /// <summary>Runs <paramref name="action"/> with the server's settings store (as the command line would).</summary>
    public async Task WithStoreAsync(Func<IdP.Authentication.Engine.AcrSettingsStore, Task> action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<IdP.Authentication.Engine.AcrSettingsStore>());
    }

    /// <summary>Queries the server's database.</summary>
    public async Task<T> QueryAsync<T>(Func<IdP.Data.IdPDbContext, Task<T>> query)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdP.Data.IdPDbContext>());
    }

    /// <summary>A person in the <c>admin</c> role (created the way <c>users add --role admin</c> does).</summary>
    public async Task<TestUser> CreateAdminAsync(string? phone = null)
    {
        var user = await Server.CreateUserAsync(phone: phone);
        await using var scope = Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<IdP.Data.Entities.IdPUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.RoleManager<Microsoft.AspNetCore.Identity.IdentityRole>>();
        if (!await roles.RoleExistsAsync(AdminConsole.Role))
        {
            await roles.CreateAsync(new Microsoft.AspNetCore.Identity.IdentityRole(AdminConsole.Role));
        }

        await users.AddToRoleAsync((await users.FindByIdAsync(user.Id))!, AdminConsole.Role);
        return user;
    }

    /// <summary>A browser signed in to the console as <paramref name="user"/>; returns it on the console's front page.</summary>
    public async Task<(OidcTestClient Browser, Landing Page)> SignInToConsoleAsync(TestUser user)
    {
        var browser = Server.CreateOidcClient();
        var login = await browser.NavigateAsync("/admin");
        Assert.True(login.IsLoginPage, $"Expected the login page, got {login}");
        var page = await browser.SubmitLoginAsync(login, user.Username, user.Password);
        return (browser, page);
    }

    /// <summary>A confidential client granted idp.admin, and an access token for it.</summary>
    public async Task<(TestClient Client, string Token)> AdminApiTokenAsync(string scope = AdminConsole.Scope)
    {
        var client = await Server.CreateConfidentialClientAsync(c =>
        {
            c.AllowClientCredentials = true;
            c.RedirectUris.Clear();
            c.PostLogoutRedirectUris.Clear();
            c.Scopes = [AdminConsole.Scope, "profile"];
        });
        using var oidc = Server.CreateOidcClient();
        var tokens = await oidc.ClientCredentialsAsync(client, scope);
        Assert.True(tokens.IsSuccess, tokens.ToString());
        return (client, tokens.AccessToken);
    }

    /// <summary>An HTTP client that sends <paramref name="token"/> as a bearer token.</summary>
    public HttpClient Api(string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(Server.Origin) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }
}
