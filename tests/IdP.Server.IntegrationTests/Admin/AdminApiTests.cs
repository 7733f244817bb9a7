using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.IntegrationTests.Admin;

/// <summary>The JSON admin API: bearer tokens with idp.admin (client credentials only), and each operation.</summary>
[Collection(AdminServerCollection.Name)]
public sealed class AdminApiTests(AdminServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    /// <summary>Every API route; {user} and {client} are replaced with real ids.</summary>
    public static readonly (string Method, string Path)[] Routes =
    [
        ("GET", "/admin/api/scripts"), ("GET", "/admin/api/scripts/pwd"), ("POST", "/admin/api/scripts/smpp/enable"),
        ("POST", "/admin/api/scripts/smpp/disable"), ("PUT", "/admin/api/scripts/smpp/properties/smpp_port"),
        ("GET", "/admin/api/settings"), ("PUT", "/admin/api/settings/default-acr"), ("PUT", "/admin/api/settings/admin-acr"),
        ("GET", "/admin/api/people"), ("GET", "/admin/api/people/{user}"), ("DELETE", "/admin/api/people/{user}/phones"),
        ("POST", "/admin/api/people/{user}/sign-out"), ("GET", "/admin/api/clients"), ("GET", "/admin/api/clients/{client}"),
        ("POST", "/admin/api/clients"), ("PUT", "/admin/api/clients/{client}"), ("POST", "/admin/api/clients/{client}/disable"),
        ("POST", "/admin/api/clients/{client}/enable"), ("POST", "/admin/api/clients/{client}/secret"),
    ];

    private async Task<IReadOnlyList<HttpResponseMessage>> CallEveryRouteAsync(string? token)
    {
        var user = await Server.CreateUserAsync();
        var client = await Server.CreateClientAsync();
        using var http = fixture.Api(token);
        var responses = new List<HttpResponseMessage>();
        foreach (var (method, path) in Routes)
        {
            var url = path.Replace("{user}", user.Id, StringComparison.Ordinal).Replace("{client}", client.ClientId, StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { acr = "pwd", value = "2775" }) };
            responses.Add(await http.SendAsync(request));
        }

        // Nothing happened to the client or the person.
        Assert.False(await fixture.QueryAsync(db => db.ClientSettings.AnyAsync(s => s.ClientId == client.ClientId && s.Disabled)));
        Assert.Equal(1, await fixture.QueryAsync(db => db.UserPhones.CountAsync(p => p.UserId == user.Id)));
        return responses;
    }

    [Fact]
    public async Task Api_WithoutToken_Is401ProblemJsonOnEveryRoute()
    {
        foreach (var response in await CallEveryRouteAsync(token: null))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Api_TokenWithoutTheAdminScope_Is403OnEveryRoute()
    {
        var (_, token) = await fixture.AdminApiTokenAsync(scope: "profile");

        foreach (var response in await CallEveryRouteAsync(token))
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Api_APersonsAccessToken_Is403_AndIdpAdminCannotBeAskedForInAnAuthorizationRequest()
    {
        var admin = await fixture.CreateAdminAsync();
        var client = await Server.CreateClientAsync();
        using var browser = Server.CreateOidcClient();
        var tokens = await browser.SignInAndExchangeAsync(client, admin);
        using var http = fixture.Api(tokens.AccessToken);

        using var response = await http.GetAsync("/admin/api/scripts");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        var machine = await Server.CreateConfidentialClientAsync(c =>
        {
            c.AllowClientCredentials = true;
            c.Scopes = ["openid", "profile", "idp.admin"];
        });
        var refused = await browser.AuthorizeAsync(AuthorizeRequest.For(machine, "openid idp.admin"));
        Assert.Equal("invalid_scope", refused.Callback["error"]);
    }

    [Fact]
    public async Task ClientRegistration_IdpAdminScope_OnlyForConfidentialClientCredentialsClients()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Server.CreateClientAsync(c => c.Scopes = ["openid", "idp.admin"]));
        Assert.Contains("only for confidential clients", error.Message, StringComparison.Ordinal);

        // A confidential client registered without the scope cannot get it.
        var plain = await Server.CreateConfidentialClientAsync(c => { c.AllowClientCredentials = true; c.Scopes = ["profile"]; });
        using var oidc = Server.CreateOidcClient();
        var tokens = await oidc.ClientCredentialsAsync(plain, "idp.admin");
        Assert.False(tokens.IsSuccess);
        Assert.Contains(tokens.Error, new[] { "invalid_scope", "invalid_request" });
    }

    [Fact]
    public async Task Cli_ClientsAddWithTheAdminScope_GetsATokenTheApiAccepts_AndDiscoveryDoesNotAdvertiseIt()
    {
        var id = "cli-admin-" + Guid.NewGuid().ToString("N")[..8];
        var secret = "cli-secret-" + Guid.NewGuid().ToString("N");
        var error = new StringWriter();

        var exit = await IdP.Server.Commands.CommandLine.RunAsync(Server.Services,
            ["clients", "add", "--client-id", id, "--secret", secret, "--client-credentials", "--scopes", "idp.admin"], TextWriter.Null, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        using var oidc = Server.CreateOidcClient();
        var tokens = await oidc.ClientCredentialsAsync(new TestClient(id, secret, "", null), "idp.admin");
        Assert.True(tokens.IsSuccess, tokens.ToString());
        using var http = fixture.Api(tokens.AccessToken);
        using var response = await http.GetAsync("/admin/api/settings");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var discovery = await oidc.GetJsonAsync("/.well-known/openid-configuration");
        Assert.DoesNotContain("idp.admin", discovery.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Api_EnableAndDisableScript_ShowInDiscovery()
    {
        var (client, token) = await fixture.AdminApiTokenAsync();
        using var http = fixture.Api(token);
        using var oidc = Server.CreateOidcClient();

        using (var enabled = await http.PostAsync("/admin/api/scripts/smpp/enable", null))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }

        Assert.Contains("smpp", AcrValuesSupported(await oidc.GetJsonAsync("/.well-known/openid-configuration")));
        var listed = await http.GetFromJsonAsync<JsonElement>("/admin/api/scripts");
        Assert.True(listed.EnumerateArray().Single(s => s.GetProperty("acr").GetString() == "smpp").GetProperty("enabled").GetBoolean());

        using (var disabled = await http.PostAsync("/admin/api/scripts/smpp/disable", null))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        Assert.DoesNotContain("smpp", AcrValuesSupported(await oidc.GetJsonAsync("/.well-known/openid-configuration")));
        var audit = await fixture.QueryAsync(db => db.AuditEvents.Where(e => e.ActorId == client.ClientId).Select(e => e.Detail).ToListAsync());
        Assert.Contains("enabled authentication method 'smpp'", audit);
        Assert.Contains("disabled authentication method 'smpp'", audit);
    }

    [Fact]
    public async Task Api_DefaultAcr_ReachesTheNextAuthorizationRequest_AndBadInputIsProblemJson()
    {
        var (_, token) = await fixture.AdminApiTokenAsync();
        using var http = fixture.Api(token);
        using (var enabled = await http.PostAsync("/admin/api/scripts/smpp/enable", null))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }

        try
        {
            using (var set = await http.PutAsJsonAsync("/admin/api/settings/default-acr", new { acr = "smpp" }))
            {
                Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
            }

            var settings = await http.GetFromJsonAsync<JsonElement>("/admin/api/settings");
            Assert.Equal("smpp", settings.GetProperty("defaultAcr").GetString());

            // The next request without acr_values runs the new default's flow.
            var client = await Server.CreateClientAsync();
            using var browser = Server.CreateOidcClient();
            var login = await browser.AuthorizeAsync(AuthorizeRequest.For(client));
            Assert.True(login.IsLoginPage, login.ToString());
            Assert.Equal("smpp", await fixture.QueryAsync(db => db.LoginFlows.Where(f => f.ClientId == client.ClientId).Select(f => f.ScriptAcr).SingleAsync()));

            using var bad = await http.PutAsJsonAsync("/admin/api/settings/default-acr", new { acr = "nope" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
            Assert.Contains("nope", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            using var reset = await http.PutAsJsonAsync("/admin/api/settings/default-acr", new { acr = "pwd" });
            using var off = await http.PostAsync("/admin/api/scripts/smpp/disable", null);
            Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        }
    }

    [Fact]
    public async Task Api_SetProperty_ValidatesAndKeepsSecretsWriteOnly()
    {
        var (_, token) = await fixture.AdminApiTokenAsync();
        using var http = fixture.Api(token);

        using var bad = await http.PutAsJsonAsync("/admin/api/scripts/smpp/properties/smpp_port", new { value = "99999" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("between 1 and 65535", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var unknown = await http.PutAsJsonAsync("/admin/api/scripts/smpp/properties/nope", new { value = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var port = await http.PutAsJsonAsync("/admin/api/scripts/smpp/properties/smpp_port", new { value = "2776" });
        Assert.Equal(HttpStatusCode.NoContent, port.StatusCode);
        using var good = await http.PutAsJsonAsync("/admin/api/scripts/smpp/properties/password", new { value = "s3cret-pw" });
        Assert.Equal(HttpStatusCode.NoContent, good.StatusCode);

        var script = await http.GetFromJsonAsync<JsonElement>("/admin/api/scripts/smpp");
        var password = script.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "password");
        Assert.True(password.GetProperty("isSet").GetBoolean());
        Assert.Equal(JsonValueKind.Null, password.GetProperty("value").ValueKind);
        Assert.DoesNotContain("s3cret-pw", script.GetRawText(), StringComparison.Ordinal);
        var portValue = script.GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("key").GetString() == "smpp_port");
        Assert.Equal("2776", portValue.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Api_RemovePhones_RemovesEveryNumberAndAuditsTheClient()
    {
        var (client, token) = await fixture.AdminApiTokenAsync();
        var user = await Server.CreateUserAsync(phone: "+4915112345672");
        using var http = fixture.Api(token);

        var found = await http.GetFromJsonAsync<JsonElement>("/admin/api/people?q=" + Uri.EscapeDataString("+4915112345672"));
        Assert.Equal(user.Id, found.EnumerateArray().Single().GetProperty("id").GetString());
        using var response = await http.DeleteAsync($"/admin/api/people/{user.Id}/phones");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("removed").GetInt32());
        Assert.Equal(0, await fixture.QueryAsync(db => db.UserPhones.CountAsync(p => p.UserId == user.Id)));
        Assert.Null(await fixture.QueryAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PhoneNumber).SingleAsync()));
        var audit = await fixture.QueryAsync(db => db.AuditEvents.SingleAsync(e => e.UserId == user.Id && e.Type == AuditEventTypes.PhoneRemoved));
        Assert.Equal(client.ClientId, audit.ActorId);

        using var missing = await http.DeleteAsync("/admin/api/people/no-such-person/phones");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Api_Clients_CreateUpdateRotateDisable_AndTheCreatedClientCompletesAFlow()
    {
        var (_, token) = await fixture.AdminApiTokenAsync();
        using var http = fixture.Api(token);
        var id = "api-" + Guid.NewGuid().ToString("N")[..10];
        var redirect = $"https://{id}.rp.test/cb";

        using (var invalid = await http.PostAsJsonAsync("/admin/api/clients", new { clientId = id, @public = true, redirectUris = new[] { "http://evil.example/cb#x" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            var detail = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
            Assert.Contains("fragment", detail, StringComparison.Ordinal);
        }

        using (var created = await http.PostAsJsonAsync("/admin/api/clients", new
        {
            clientId = id, @public = true, consent = "implicit", redirectUris = new[] { redirect },
            scopes = new[] { "openid", "profile", "offline_access" },
        }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(JsonValueKind.Null, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").ValueKind);
        }

        var user = await Server.CreateUserAsync();
        using var browser = Server.CreateOidcClient();
        var rp = new TestClient(id, null, redirect, null);
        var tokens = await browser.SignInAndExchangeAsync(rp, user);
        Assert.Equal(id, (await browser.ValidateJwtAsync(tokens.IdToken, id)).GetProperty("aud").GetString());

        // Update: confidential now (a secret is generated and shown once), a post-logout URI, a default acr.
        using (var updated = await http.PutAsJsonAsync($"/admin/api/clients/{id}", new
        {
            @public = false, consent = "explicit", redirectUris = new[] { redirect }, postLogoutRedirectUris = new[] { $"https://{id}.rp.test/bye" },
            scopes = new[] { "openid", "profile" }, defaultAcrValues = new[] { "pwd" }, allowClientCredentials = true,
        }))
        {
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
            var secret = (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
            Assert.True((await browser.ClientCredentialsAsync(rp with { Secret = secret })).IsSuccess);
        }

        var view = await http.GetFromJsonAsync<JsonElement>($"/admin/api/clients/{id}");
        Assert.Equal("confidential", view.GetProperty("clientType").GetString());
        Assert.Equal("explicit", view.GetProperty("consent").GetString());
        Assert.Equal("pwd", view.GetProperty("defaultAcrValues")[0].GetString());
        Assert.Equal($"https://{id}.rp.test/bye", view.GetProperty("postLogoutRedirectUris")[0].GetString());

        using var rotated = await http.PostAsync($"/admin/api/clients/{id}/secret", null);
        var rotatedSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clientSecret").GetString()!;
        Assert.True((await browser.ClientCredentialsAsync(rp with { Secret = rotatedSecret })).IsSuccess);

        using (var disabled = await http.PostAsync($"/admin/api/clients/{id}/disable", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        }

        Assert.False((await browser.ClientCredentialsAsync(rp with { Secret = rotatedSecret })).IsSuccess);
        var refused = await browser.AuthorizeAsync(AuthorizeRequest.For(rp));
        Assert.Equal("access_denied", refused.Callback["error"]);
    }

    private static List<string?> AcrValuesSupported(JsonElement discovery) =>
        discovery.GetProperty("acr_values_supported").EnumerateArray().Select(e => e.GetString()).ToList();
}
