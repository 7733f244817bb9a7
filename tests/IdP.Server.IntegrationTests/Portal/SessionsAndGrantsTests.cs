using System.Net;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.IntegrationTests.Portal;

/// <summary>Listing and ending sessions (RevokedAt on the server-side row) and revoking grants given to applications.</summary>
[Collection(PortalServerCollection.Name)]
public sealed class SessionsAndGrantsTests(PortalServerFixture fixture)
{
    private Task<List<UserSession>> SessionsAsync(string userId) =>
        fixture.QueryAsync(db => db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderBy(s => s.CreatedAt).ToListAsync());

    [Fact]
    public async Task Sessions_SignOutOthers_SetsRevokedAtOnOtherRowsOnly()
    {
        var user = await fixture.CreateUserAsync();
        using var laptop = new PortalClient(fixture);
        using var phone = new PortalClient(fixture);
        await laptop.SignInAsync(user);
        await phone.SignInAsync(user);
        var rows = await SessionsAsync(user.Id);
        Assert.Equal(2, rows.Count);

        var page = await phone.GetAsync("/account/sessions");
        Assert.Equal(2, CountOccurrences(page.Html, "class=\"session-card\" data-session-id="));
        Assert.Contains($"data-session-id=\"{rows[1].Id}\" data-current=\"true\"", page.Html, StringComparison.Ordinal);
        var after = await phone.PostAsync(page, "/account/sessions?handler=RevokeOthers", []);

        Assert.Equal("1 other session(s) signed out.", after.ElementText("status-message"));
        rows = await SessionsAsync(user.Id);
        Assert.NotNull(rows[0].RevokedAt);
        Assert.Null(rows[1].RevokedAt);
        Assert.Contains(AuditEventTypes.SessionRevoked, await fixture.AuditTypesAsync(user.Id));
        Assert.DoesNotContain(rows[0].Id, after.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_SignOutOne_SetsRevokedAtAndOtherUsersSessionsAreUntouchable()
    {
        var user = await fixture.CreateUserAsync();
        var other = await fixture.CreateUserAsync();
        using var first = new PortalClient(fixture);
        using var second = new PortalClient(fixture);
        using var stranger = new PortalClient(fixture);
        await first.SignInAsync(user);
        await second.SignInAsync(user);
        await stranger.SignInAsync(other);
        var target = (await SessionsAsync(user.Id))[1];
        var strangerSession = Assert.Single(await SessionsAsync(other.Id));

        var page = await first.GetAsync("/account/sessions");
        var after = await first.PostAsync(page, "/account/sessions?handler=RevokeSession", new() { ["id"] = target.Id });
        var refused = await first.PostAsync(page, "/account/sessions?handler=RevokeSession", new() { ["id"] = strangerSession.Id });

        Assert.Equal("The session was signed out.", after.ElementText("status-message"));
        Assert.NotNull((await SessionsAsync(user.Id)).Single(s => s.Id == target.Id).RevokedAt);
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Null(Assert.Single(await SessionsAsync(other.Id)).RevokedAt);
    }

    [Fact]
    public async Task Grants_Revoke_RevokesAuthorizationAndRefreshToken()
    {
        var user = await fixture.CreateUserAsync();
        var rp = await fixture.Server.CreateConfidentialClientAsync(spec => spec.DisplayName = "Portal Test App");
        using var client = new PortalClient(fixture);
        await client.SignInAsync(user);
        var tokens = await client.Browser.SignInAndExchangeAsync(rp, user, "openid profile offline_access");

        var page = await client.GetAsync("/account/sessions");
        Assert.Contains("Portal Test App", page.ElementText("grants"), StringComparison.Ordinal);
        var grantId = System.Text.RegularExpressions.Regex.Match(page.Html, "data-grant-id=\"([^\"]+)\"").Groups[1].Value;
        var after = await client.PostAsync(page, "/account/sessions?handler=RevokeGrant", new() { ["id"] = grantId });

        Assert.Contains("revoked", after.ElementText("status-message"), StringComparison.Ordinal);
        Assert.True(after.HasElement("no-grants"), Landing.Shorten(after.Html));
        var refresh = await client.Browser.RefreshAsync(rp, tokens.RefreshToken);
        Assert.False(refresh.IsSuccess, refresh.ToString());
        Assert.False(await client.Browser.IsActiveAsync(rp, tokens.AccessToken));
        Assert.Contains(IdP.Server.Portal.PortalAuditEventTypes.GrantRevoked, await fixture.AuditTypesAsync(user.Id));
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
