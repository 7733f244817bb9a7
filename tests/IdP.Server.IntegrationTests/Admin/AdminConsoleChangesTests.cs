using System.Net;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.IntegrationTests.Admin;

/// <summary>Changes made in the console: the lock-out guard, step-up, force sign-out, and their audit events.</summary>
[Collection(AdminServerCollection.Name)]
public sealed class AdminConsoleChangesTests(AdminServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    private static async Task<Landing> PostFormAsync(OidcTestClient browser, Landing page, string url, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = page.AntiforgeryToken ?? throw new InvalidOperationException($"No antiforgery token on {page}");
        var response = await browser.Http.PostAsync(url, new FormUrlEncodedContent(form));
        if (response.StatusCode == HttpStatusCode.SeeOther)
        {
            return await browser.NavigateAsync(response.Headers.Location!.OriginalString);
        }

        return new Landing(response.StatusCode, response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync(), null, response);
    }

    [Fact]
    public async Task AdminAcr_SmppWhileTheAdminHasNoVerifiedPhone_IsRefusedUntilConfirmed_ThenStepsUp()
    {
        var admin = await fixture.CreateAdminAsync(phone: null);
        await fixture.WithStoreAsync(s => s.SetEnabledAsync("smpp", true, CancellationToken.None));
        try
        {
            var (browser, _) = await fixture.SignInToConsoleAsync(admin);
            using var __ = browser;
            var methods = await browser.NavigateAsync("/admin/methods");

            var refused = await PostFormAsync(browser, methods, "/admin/methods?handler=AdminAcr", new() { ["acr"] = "smpp" });

            Assert.Equal(HttpStatusCode.OK, refused.Status);
            Assert.Contains("no verified phone", refused.ElementText("lockout-warning"), StringComparison.Ordinal);
            Assert.True(refused.HasElement("confirm-lockout"));
            Assert.Equal("pwd", await fixture.QueryAsync(db => db.ServerSettings.Where(s => s.Key == ServerSetting.AdminAcr).Select(s => s.Value).SingleAsync()));

            var confirmed = await PostFormAsync(browser, refused, "/admin/methods?handler=AdminAcr", new() { ["acr"] = "smpp", ["confirm"] = "true" });

            // Applied and audited with the admin as actor; the admin's pwd session is now below the admin
            // acr's level, so the console sends them through a step-up sign-in.
            Assert.Equal("smpp", await fixture.QueryAsync(db => db.ServerSettings.Where(s => s.Key == ServerSetting.AdminAcr).Select(s => s.Value).SingleAsync()));
            var audit = await fixture.QueryAsync(db => db.AuditEvents.Where(e => e.ActorId == admin.Id && e.Type == AuditEventTypes.AdminChange && e.Acr == "smpp").ToListAsync());
            Assert.Contains(audit, e => e.Detail!.Contains("admin acr", StringComparison.Ordinal) && e.Detail.Contains("confirmed despite", StringComparison.Ordinal));
            Assert.True(confirmed.IsLoginPage, confirmed.ToString());
            using var again = await browser.Http.GetAsync("/admin/people");
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.StartsWith("/admin/signin?returnUrl=", again.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        finally
        {
            await fixture.WithStoreAsync(s => s.SetAdminAcrAsync("pwd", CancellationToken.None));
            await fixture.WithStoreAsync(s => s.SetEnabledAsync("smpp", false, CancellationToken.None));
        }
    }

    [Fact]
    public async Task TestConnection_Smpp_ReportsBoundWithTheSmscName_OrRejectedCredentials_InPlainWords()
    {
        await using var smsc = new IdP.Smpp.Simulator.SmscSimulator(new IdP.Smpp.Simulator.SmscSimulatorOptions
        {
            Credentials = new Dictionary<string, string> { ["console"] = "pw-ok" },
            SystemId = "TESTSMSC",
        });
        await smsc.StartAsync(CancellationToken.None);
        var admin = await fixture.CreateAdminAsync();
        var (browser, _) = await fixture.SignInToConsoleAsync(admin);
        using var __ = browser;
        var page = await browser.NavigateAsync("/admin/methods/smpp");
        page = await PostFormAsync(browser, page, "/admin/methods/smpp", new()
        {
            ["values[smpp_server]"] = "127.0.0.1",
            ["values[smpp_port]"] = smsc.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["values[system_id]"] = "console",
            ["values[password]"] = "pw-ok",
        });

        var bound = await PostFormAsync(browser, page, "/admin/methods/smpp?handler=TestConnection", []);
        Assert.Contains("TESTSMSC", bound.ElementText("test-connection-result"), StringComparison.Ordinal);
        Assert.DoesNotContain("pw-ok", bound.Html, StringComparison.Ordinal);

        page = await PostFormAsync(browser, bound, "/admin/methods/smpp", new() { ["values[password]"] = "pw-bad" });
        var rejected = await PostFormAsync(browser, page, "/admin/methods/smpp?handler=TestConnection", []);
        Assert.Contains("credentials", rejected.ElementText("test-connection-result"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MethodProperties_ShowValidationMessages_AndSecretsStayWriteOnly()
    {
        var admin = await fixture.CreateAdminAsync();
        var (browser, _) = await fixture.SignInToConsoleAsync(admin);
        using var __ = browser;
        var page = await browser.NavigateAsync("/admin/methods/smpp");

        var invalid = await PostFormAsync(browser, page, "/admin/methods/smpp", new() { ["values[smpp_port]"] = "70000" });
        Assert.Contains("between 1 and 65535", invalid.ElementText("error-smpp_port"), StringComparison.Ordinal);

        var saved = await PostFormAsync(browser, invalid, "/admin/methods/smpp", new() { ["values[smpp_port]"] = "2777", ["values[password]"] = "a-new-secret" });
        Assert.Contains("Saved 2 properties", saved.ElementText("admin-status"), StringComparison.Ordinal);
        Assert.Equal("2777", saved.InputValue("prop-smpp_port"));
        Assert.DoesNotContain("a-new-secret", saved.Html, StringComparison.Ordinal);
        Assert.Contains("placeholder=\"unchanged\"", saved.Html, StringComparison.Ordinal);
        var audit = await fixture.QueryAsync(db => db.AuditEvents.Where(e => e.ActorId == admin.Id).Select(e => e.Detail!).ToListAsync());
        Assert.Contains("set property smpp.password (secret changed)", audit);
        Assert.DoesNotContain(audit, d => d.Contains("a-new-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForceSignOut_EndsTheSessionsAndRevokesRefreshTokens_AndIsAudited()
    {
        var admin = await fixture.CreateAdminAsync();
        var user = await Server.CreateUserAsync();
        var client = await Server.CreateClientAsync();
        using var userBrowser = Server.CreateOidcClient();
        var tokens = await userBrowser.SignInAndExchangeAsync(client, user, "openid profile offline_access");
        Assert.Equal(1, await fixture.QueryAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id && s.RevokedAt == null)));

        var (browser, _) = await fixture.SignInToConsoleAsync(admin);
        using var __ = browser;
        var person = await browser.NavigateAsync("/admin/people/" + user.Id);
        Assert.Equal("1", person.ElementText("person-sessions"));
        var after = await PostFormAsync(browser, person, $"/admin/people/{user.Id}?handler=SignOut", []);

        Assert.Contains("Ended 1 session(s)", after.ElementText("admin-status"), StringComparison.Ordinal);
        Assert.Equal(0, await fixture.QueryAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id && s.RevokedAt == null)));

        // The browser's session cookie is refused: prompt=none cannot use it.
        var silent = await userBrowser.AuthorizeAsync(AuthorizeRequest.For(client) with { Prompt = "none" });
        Assert.Equal("login_required", silent.Callback["error"]);

        // The refresh token was revoked with the authorization.
        var refreshed = await userBrowser.RefreshAsync(client, tokens.RefreshToken);
        Assert.Equal("invalid_grant", refreshed.Error);

        var audit = await fixture.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == user.Id && e.Type == AuditEventTypes.SessionRevoked));
        Assert.Equal(admin.Id, audit.ActorId);
    }

    [Fact]
    public async Task SignOut_RevokesTheServerSideSession_SoTheOldCookieNoLongerWorks()
    {
        var user = await Server.CreateUserAsync();
        var client = await Server.CreateClientAsync();
        using var browser = Server.CreateOidcClient();
        await browser.SignInAsync(AuthorizeRequest.For(client), user);
        var stolen = browser.Cookies.GetCookies(new Uri(Server.Origin))["idp.session"]!.Value;

        // The person confirms sign-out at the end-session endpoint (no id_token_hint).
        var confirm = await browser.NavigateAsync("/connect/endsession");
        var form = new Dictionary<string, string> { ["confirm"] = "yes", ["__RequestVerificationToken"] = confirm.AntiforgeryToken! };
        await browser.Http.PostAsync("/connect/endsession", new FormUrlEncodedContent(form));

        Assert.Equal(0, await fixture.QueryAsync(db => db.UserSessions.CountAsync(s => s.UserId == user.Id && s.RevokedAt == null)));
        using var replay = Server.CreateOidcClient();
        replay.Cookies.Add(new Uri(Server.Origin), new System.Net.Cookie("idp.session", stolen));
        var silent = await replay.AuthorizeAsync(AuthorizeRequest.For(client) with { Prompt = "none" });
        Assert.Equal("login_required", silent.Callback["error"]);
    }

    [Fact]
    public async Task PeopleActions_LockUnlockRolesAndPhones_AreAppliedAndAuditedNamingTheAdmin()
    {
        var admin = await fixture.CreateAdminAsync();
        var user = await Server.CreateUserAsync(phone: "+4915112345671");
        var (browser, _) = await fixture.SignInToConsoleAsync(admin);
        using var __ = browser;

        var search = await browser.NavigateAsync("/admin/people?q=" + Uri.EscapeDataString("+49 151 12345671"));
        Assert.Contains(user.Username, search.Html, StringComparison.Ordinal);
        var person = await browser.NavigateAsync("/admin/people/" + user.Id);
        Assert.Contains(IdP.Authentication.Phones.PhoneNumberRules.Mask("+4915112345671"), WebUtility.HtmlDecode(person.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("15112345671", person.Html, StringComparison.Ordinal);

        person = await PostFormAsync(browser, person, $"/admin/people/{user.Id}?handler=Lock", []);
        Assert.StartsWith("locked", person.ElementText("person-state"), StringComparison.Ordinal);
        person = await PostFormAsync(browser, person, $"/admin/people/{user.Id}?handler=Unlock", []);
        Assert.Equal("active", person.ElementText("person-state"));
        person = await PostFormAsync(browser, person, $"/admin/people/{user.Id}?handler=AddRole", new() { ["role"] = "auditor" });
        Assert.Equal("auditor", person.ElementText("person-roles"));
        person = await PostFormAsync(browser, person, $"/admin/people/{user.Id}?handler=RemovePhones", []);
        Assert.True(person.HasElement("no-phones"));

        var events = await fixture.QueryAsync(db => db.AuditEvents.Where(e => e.UserId == user.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.All(events, e => Assert.Equal(admin.Id, e.ActorId));
        // The removal is announced to the person (e-mail, text to the removed number); this server has neither channel,
        // so both notices are recorded as not sent.
        Assert.Equal(
            [AuditEventTypes.AdminChange, AuditEventTypes.AdminChange, AuditEventTypes.AdminChange, AuditEventTypes.PhoneRemoved, AuditEventTypes.NoticeNotSent, AuditEventTypes.NoticeNotSent],
            events.Select(e => e.Type).ToArray());
        Assert.Contains(IdP.Authentication.Phones.PhoneNumberRules.Mask("+4915112345671"), events[3].Detail, StringComparison.Ordinal);

        var audit = await browser.NavigateAsync("/admin/audit?Type=phone.removed&User=" + Uri.EscapeDataString(user.Username));
        Assert.Contains("removed 1 phone number(s)", WebUtility.HtmlDecode(audit.Html), StringComparison.Ordinal);
    }
}
