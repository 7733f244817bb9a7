using System.Net;
using IdP.Server.Admin;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace IdP.Server.IntegrationTests.Admin;

/// <summary>
/// Attack: an admin API token leaks, or an automation client is compromised; the operator revokes the
/// token or disables the client. A self-contained JWT would keep working until it expires (10 minutes
/// by default); the admin API checks the token's database entry and its client on every call, so the
/// very next call is refused (RFC 7009 §2, RFC 9700 §4.10; ASVS 5.0 V10.3, the resource server).
/// </summary>
[Collection(AdminServerCollection.Name)]
public sealed class AdminApiTokenRevocationTests(AdminServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    private async Task<HttpStatusCode> CallAsync(string token)
    {
        using var http = fixture.Api(token);
        using var response = await http.GetAsync("/admin/api/scripts");
        return response.StatusCode;
    }

    [Fact]
    public async Task Api_ClientDisabledThroughTheAdminService_SameTokenIs401AtOnce()
    {
        var (client, token) = await fixture.AdminApiTokenAsync();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(token));

        // The service behind the console's and the API's "disable" (it also revokes the client's tokens).
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClientAdministration>()
                .SetDisabledAsync(AdminActor.Client("ops-console", "127.0.0.1"), client.ClientId, disabled: true, CancellationToken.None);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(token));
    }

    /// <summary>
    /// A node whose client cache still says "enabled" may issue a token after the client was disabled
    /// elsewhere: the token entry is then valid, but the admin API reads the client past the cache.
    /// </summary>
    [Fact]
    public async Task Api_ClientDisabledWithoutRevokingItsTokens_SameTokenIs401AtOnce()
    {
        var (client, token) = await fixture.AdminApiTokenAsync();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(token));

        await fixture.QueryAsync(db => db.ClientSettings.Where(s => s.ClientId == client.ClientId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Disabled, true)));

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(token));
    }

    [Fact]
    public async Task Api_TokenRevokedAtTheRevocationEndpoint_Is401AtOnce()
    {
        var (client, token) = await fixture.AdminApiTokenAsync();
        using var oidc = Server.CreateOidcClient();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(token));

        Assert.Equal(HttpStatusCode.OK, await oidc.RevokeAsync(client, token));

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(token));
    }

    [Fact]
    public async Task Api_ClientRemoved_SameTokenIs401AtOnce()
    {
        var (client, token) = await fixture.AdminApiTokenAsync();
        Assert.Equal(HttpStatusCode.OK, await CallAsync(token));

        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            await applications.DeleteAsync((await applications.FindByClientIdAsync(client.ClientId))!);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await CallAsync(token));
    }
}
