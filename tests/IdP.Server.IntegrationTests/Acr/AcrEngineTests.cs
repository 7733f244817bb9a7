using System.Text.Json;
using IdP.Server.Commands;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Acr;

/// <summary>
/// The acr engine end to end on PostgreSQL: discovery, a plugin script, step-up, re-authentication,
/// essential acr, aliases, client rules and run-time changes from the command line.
/// </summary>
public sealed class AcrEngineTests(AcrServerFixture fixture) : IClassFixture<AcrServerFixture>
{
    private IdPServer Server => fixture.Server;

    private static AuthorizeRequest WithAcr(TestClient rp, string acrValues) =>
        AuthorizeRequest.For(rp) with { Extra = new Dictionary<string, string> { ["acr_values"] = acrValues } };

    private static AuthorizeRequest WithEssential(TestClient rp, params string[] values) =>
        AuthorizeRequest.For(rp) with
        {
            Extra = new Dictionary<string, string>
            {
                ["claims"] = JsonSerializer.Serialize(new { id_token = new { acr = new { essential = true, values } } }),
            },
        };

    private static async Task<JsonElement> ExchangeAsync(OidcTestClient client, TestClient rp, AuthorizeRequest request, Landing landing)
    {
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        Assert.True(tokens.IsSuccess, tokens.ToString());
        return Jwt.Payload(tokens.IdToken);
    }

    private static string[] Amr(JsonElement token) => token.GetProperty("amr").EnumerateArray().Select(a => a.GetString()!).ToArray();

    private async Task<JsonElement> DiscoveryEventuallyAsync(Func<JsonElement, bool> condition)
    {
        using var client = Server.CreateOidcClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var discovery = await client.GetJsonAsync("/.well-known/openid-configuration");
            if (condition(discovery) || DateTime.UtcNow > deadline)
            {
                return discovery;
            }

            await Task.Delay(250);
        }
    }

    private static string[] AcrValuesSupported(JsonElement discovery) =>
        discovery.GetProperty("acr_values_supported").EnumerateArray().Select(v => v.GetString()!).ToArray();

    [Fact]
    public async Task Discovery_ListsEnabledScriptsInLevelOrderWithLevelsAndAliases()
    {
        var discovery = await DiscoveryEventuallyAsync(d => AcrValuesSupported(d).Contains("test-code"));

        Assert.Equal(["pwd", "test-code"], AcrValuesSupported(discovery));
        Assert.True(discovery.GetProperty("claims_parameter_supported").GetBoolean());
        Assert.Equal("test-code", discovery.GetProperty("auth_level_mapping").GetProperty("20")[0].GetString());
        Assert.Equal("test-code", discovery.GetProperty("acr_mappings").GetProperty("urn:idp:acr:test").GetString());
    }

    [Fact]
    public async Task Discovery_ScriptDisabledFromTheCommandLine_DisappearsThenReturnsWhenEnabled()
    {
        Assert.Equal(0, await CommandLine.RunAsync(Server.Services, ["acr", "disable", "test-code"], TextWriter.Null, TextWriter.Null, CancellationToken.None));
        try
        {
            var without = await DiscoveryEventuallyAsync(d => !AcrValuesSupported(d).Contains("test-code"));
            Assert.Equal(["pwd"], AcrValuesSupported(without));
            Assert.False(without.TryGetProperty("acr_mappings", out var mappings) && mappings.TryGetProperty("urn:idp:acr:test", out _));

            // A disabled script is never run, even when asked for.
            var rp = await Server.CreateClientAsync();
            using var client = Server.CreateOidcClient();
            var essential = await client.AuthorizeAsync(WithEssential(rp, "test-code"));
            Assert.Equal("unmet_authentication_requirements", essential.Callback["error"]);
        }
        finally
        {
            Assert.Equal(0, await CommandLine.RunAsync(Server.Services, ["acr", "enable", "test-code"], TextWriter.Null, TextWriter.Null, CancellationToken.None));
        }

        var with = await DiscoveryEventuallyAsync(d => AcrValuesSupported(d).Contains("test-code"));
        Assert.Equal(["pwd", "test-code"], AcrValuesSupported(with));
    }

    [Fact]
    public async Task PluginScript_RequestedByAcrValues_RunsBothStepsAndTokensCarryItsAcrAndAmr()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = WithAcr(rp, "unknown-value test-code");

        var login = await client.AuthorizeAsync(request);
        var codeStep = await client.SubmitLoginAsync(login, user.Username, user.Password);
        Assert.True(codeStep.HasElement("Input_Code"), $"Expected the code step, got {codeStep}");
        Assert.Contains("<h1>Enter your test code</h1>", codeStep.Html, StringComparison.Ordinal);
        var wrong = await client.SubmitCodeAsync(codeStep, "111111");
        Assert.Equal("That code is not right.", wrong.ElementText("login-error"));
        var landing = await client.SubmitCodeAsync(wrong, AcrFlows.RightCode);
        var idToken = await ExchangeAsync(client, rp, request, landing);

        Assert.Equal("test-code", idToken.GetProperty("acr").GetString());
        Assert.Equal(["pwd", "otp", "mfa"], Amr(idToken));
        Assert.True(idToken.TryGetProperty("auth_time", out _));
        Assert.Equal("code-verified", idToken.GetProperty("test_assurance").GetString());
        Assert.Equal(user.Id, idToken.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Tokens_AccessTokenAndIntrospectionCarryAcrAmrAuthTime_UnchangedByRefresh()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateConfidentialClientAsync();
        using var client = Server.CreateOidcClient();
        var request = WithAcr(rp, "test-code") with { Scope = "openid profile offline_access" };
        var landing = await client.SignInWithCodeAsync(request, user);
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        Assert.True(tokens.IsSuccess, tokens.ToString());
        var authTime = Jwt.Payload(tokens.IdToken).GetProperty("auth_time").GetInt64();

        var access = Jwt.Payload(tokens.AccessToken);
        var introspection = await client.IntrospectAsync(rp, tokens.AccessToken);
        var refreshed = await client.RefreshAsync(rp, tokens.RefreshToken);
        Assert.True(refreshed.IsSuccess, refreshed.ToString());
        var refreshedId = Jwt.Payload(refreshed.IdToken);
        var refreshedAccess = Jwt.Payload(refreshed.AccessToken);

        foreach (var (name, token) in new[] { ("access token", access), ("introspection", introspection), ("refreshed id_token", refreshedId), ("refreshed access token", refreshedAccess) })
        {
            Assert.True(token.TryGetProperty("acr", out var acr) && token.TryGetProperty("auth_time", out _), $"{name} lacks acr or auth_time: {token}");
            Assert.Equal("test-code", acr.GetString());
            Assert.Equal(authTime, token.GetProperty("auth_time").GetInt64());
        }

        Assert.Equal(["pwd", "otp", "mfa"], Amr(access));
        Assert.Equal(["pwd", "otp", "mfa"], Amr(refreshedId));
        Assert.Equal("code-verified", refreshedId.GetProperty("test_assurance").GetString());
        Assert.Equal("code-verified", access.GetProperty("test_assurance").GetString());
        Assert.Equal(user.Id, refreshedAccess.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task StepUp_PasswordSessionAskedForStrongerScript_RunsTheFlowAgain_ThenWeakerRequestReusesIt()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var first = await client.SignInAndExchangeAsync(rp, user);
        Assert.Equal("pwd", Jwt.Payload(first.IdToken).GetProperty("acr").GetString());

        var stepUp = WithAcr(rp, "test-code");
        var landing = await client.AuthorizeAsync(stepUp);
        Assert.True(landing.IsLoginPage, $"A pwd session must not satisfy test-code; got {landing}");
        landing = await client.SubmitLoginAsync(landing, user.Username, user.Password);
        landing = await client.SubmitCodeAsync(landing, AcrFlows.RightCode);
        var elevated = await ExchangeAsync(client, rp, stepUp, landing);
        Assert.Equal("test-code", elevated.GetProperty("acr").GetString());

        // A weaker request reuses the stronger session and reports what was achieved.
        var weaker = WithAcr(rp, "pwd");
        var reused = await client.AuthorizeAsync(weaker);
        var reusedToken = await ExchangeAsync(client, rp, weaker, reused);
        Assert.Equal("test-code", reusedToken.GetProperty("acr").GetString());
        Assert.Equal(elevated.GetProperty("auth_time").GetInt64(), reusedToken.GetProperty("auth_time").GetInt64());
    }

    [Theory]
    [InlineData("login", null)]
    [InlineData(null, 1)]
    public async Task Reauthentication_PromptLoginOrMaxAge_RunsBothStepsAgainAndAdvancesAuthTime(string? prompt, int? maxAge)
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = WithAcr(rp, "test-code");
        var before = await ExchangeAsync(client, rp, request, await client.SignInWithCodeAsync(request, user));
        await Task.Delay(TimeSpan.FromSeconds(2.2));

        var again = WithAcr(rp, "test-code") with { Prompt = prompt, MaxAge = maxAge };
        var after = await ExchangeAsync(client, rp, again, await client.SignInWithCodeAsync(again, user));

        Assert.True(after.GetProperty("auth_time").GetInt64() > before.GetProperty("auth_time").GetInt64());
        Assert.Equal(["pwd", "otp", "mfa"], Amr(after));
    }

    [Fact]
    public async Task EssentialAcr_NotAvailable_ErrorToClientWithoutSignIn()
    {
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();

        var landing = await client.AuthorizeAsync(WithEssential(rp, "urn:example:gold"));

        Assert.Equal("unmet_authentication_requirements", landing.Callback["error"]);
        Assert.False(landing.Callback.ContainsKey("code"));
    }

    [Fact]
    public async Task EssentialAcr_UserCannotUseIt_ErrorToClientAfterPasswordAndNoCode()
    {
        var user = await Server.CreateUserAsync();
        var nocode = await RenameAsync(user, "nocode-");
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();

        var login = await client.AuthorizeAsync(WithEssential(rp, "test-code"));
        var notice = await client.SubmitLoginAsync(login, nocode, user.Password);

        // First a page that says what happened; its link back to the application carries the error.
        Assert.True(notice.IsLoginPage && notice.HasElement("notice") && notice.HasElement("continue"), $"Expected the notice page, got {notice}");
        var href = System.Text.RegularExpressions.Regex.Match(notice.Html, "id=\"continue\" href=\"([^\"]+)\"").Groups[1].Value;
        var landing = await client.NavigateAsync(System.Net.WebUtility.HtmlDecode(href));
        Assert.Equal("unmet_authentication_requirements", landing.Callback["error"]);
        Assert.False(landing.Callback.ContainsKey("code"));
        Assert.False(client.HasSessionCookie);
    }

    [Fact]
    public async Task VoluntaryAcr_UserCannotUseIt_FallsBackToTheScriptsAlternative()
    {
        var user = await Server.CreateUserAsync();
        var nocode = await RenameAsync(user, "nocode-");
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = WithAcr(rp, "test-code");

        var login = await client.AuthorizeAsync(request);
        var alternative = await client.SubmitLoginAsync(login, nocode, user.Password);
        Assert.True(alternative.IsLoginPage && alternative.HasElement("Input_Password"), $"Expected the pwd alternative's password step, got {alternative}");
        var landing = await client.SubmitLoginAsync(alternative, nocode, user.Password);
        var idToken = await ExchangeAsync(client, rp, request, landing);

        Assert.Equal("pwd", idToken.GetProperty("acr").GetString());
    }

    [Fact]
    public async Task Alias_RequestedByItsUri_TokenReportsTheAlias()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = WithAcr(rp, "urn:idp:acr:test");

        var idToken = await ExchangeAsync(client, rp, request, await client.SignInWithCodeAsync(request, user));

        Assert.Equal("urn:idp:acr:test", idToken.GetProperty("acr").GetString());
    }

    [Fact]
    public async Task ClientMinimumLevel_RequestWithoutAcr_RaisedToTheScriptThatMeetsIt()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync(spec => spec.MinimumAcrLevel = 20);
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp);

        var idToken = await ExchangeAsync(client, rp, request, await client.SignInWithCodeAsync(request, user));

        Assert.Equal("test-code", idToken.GetProperty("acr").GetString());
    }

    [Fact]
    public async Task ClientDefaultAcr_UsedWhenTheRequestNamesNone()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync(spec => spec.DefaultAcrValues = ["test-code"]);
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp);

        var idToken = await ExchangeAsync(client, rp, request, await client.SignInWithCodeAsync(request, user));

        Assert.Equal("test-code", idToken.GetProperty("acr").GetString());
    }

    [Fact]
    public async Task DefaultAcr_ChangedFromTheCommandLineOfAnotherNode_SeenWithoutRestart()
    {
        // A second node on the same database runs the command, as an operator's shell would.
        var settings = IdPServer.PostgresSettings(fixture.Database.ConnectionString);
        settings["IdP:Authentication:PluginsDirectory"] = AcrServerFixture.PluginsDirectory;
        await using var otherNode = new IdPServer(settings).Start();
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        var output = new StringWriter();
        var error = new StringWriter();

        var rc = await CommandLine.RunAsync(otherNode.Services, ["acr", "default", "set", "test-code"], output, error, CancellationToken.None);
        try
        {
            Assert.True(rc == 0, error.ToString());
            await Task.Delay(AcrServerFixture.SettingsCache + TimeSpan.FromMilliseconds(500));
            using var client = Server.CreateOidcClient();
            var request = AuthorizeRequest.For(rp);
            var idToken = await ExchangeAsync(client, rp, request, await client.SignInWithCodeAsync(request, user));
            Assert.Equal("test-code", idToken.GetProperty("acr").GetString());
        }
        finally
        {
            Assert.Equal(0, await CommandLine.RunAsync(otherNode.Services, ["acr", "default", "set", "pwd"], output, error, CancellationToken.None));
            await Task.Delay(AcrServerFixture.SettingsCache + TimeSpan.FromMilliseconds(500));
        }
    }

    [Fact]
    public async Task MethodChooser_On_RequestWithoutPreference_OffersAllowedMethodsAndRunsThePickedOne()
    {
        Assert.Equal(0, await CommandLine.RunAsync(Server.Services, ["acr", "chooser", "on"], TextWriter.Null, TextWriter.Null, CancellationToken.None));
        try
        {
            var user = await Server.CreateUserAsync();
            var rp = await Server.CreateClientAsync();
            using var client = Server.CreateOidcClient();
            var request = AuthorizeRequest.For(rp);

            var chooser = await client.AuthorizeAsync(request);
            Assert.Equal("/account/choose", chooser.Url.AbsolutePath);
            Assert.True(chooser.HasElement("method-pwd") && chooser.HasElement("method-test-code"), Landing.Shorten(chooser.Html));
            var picked = await client.Http.PostAsync(chooser.Url.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["ReturnUrl"] = chooser.InputValue("ReturnUrl")!,
                ["acr"] = "test-code",
                ["__RequestVerificationToken"] = chooser.AntiforgeryToken!,
            }));
            Assert.Equal(System.Net.HttpStatusCode.SeeOther, picked.StatusCode);
            var login = await client.NavigateAsync(picked.Headers.Location!.ToString());
            var codeStep = await client.SubmitLoginAsync(login, user.Username, user.Password);
            var landing = await client.SubmitCodeAsync(codeStep, AcrFlows.RightCode);
            Assert.Equal("test-code", (await ExchangeAsync(client, rp, request, landing)).GetProperty("acr").GetString());

            // A request that states its preference never sees the chooser.
            using var other = Server.CreateOidcClient();
            Assert.True((await other.AuthorizeAsync(WithAcr(rp, "pwd"))).IsLoginPage);

            // A method the client may not use cannot be picked.
            var limited = await Server.CreateClientAsync(spec => spec.AllowedAcrs = ["pwd", "test-code"]);
            using var third = Server.CreateOidcClient();
            var page = await third.AuthorizeAsync(AuthorizeRequest.For(limited));
            var refused = await third.Http.PostAsync(page.Url.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["ReturnUrl"] = page.InputValue("ReturnUrl")!,
                ["acr"] = "no-such-method",
                ["__RequestVerificationToken"] = page.AntiforgeryToken!,
            }));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        }
        finally
        {
            Assert.Equal(0, await CommandLine.RunAsync(Server.Services, ["acr", "chooser", "off"], TextWriter.Null, TextWriter.Null, CancellationToken.None));
        }
    }

    [Fact]
    public async Task AcrCommands_BadInput_ExitNonZeroWithAReason()
    {
        var error = new StringWriter();

        var unknown = await CommandLine.RunAsync(Server.Services, ["acr", "enable", "nope"], TextWriter.Null, error, CancellationToken.None);
        var badProperty = await CommandLine.RunAsync(Server.Services, ["acr", "set-property", "test-code", "expected_code", "12"], TextWriter.Null, error, CancellationToken.None);
        var disableDefault = await CommandLine.RunAsync(Server.Services, ["acr", "disable", "pwd"], TextWriter.Null, error, CancellationToken.None);

        Assert.Equal((2, 2, 2), (unknown, badProperty, disableDefault));
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("No authentication script is registered for acr 'nope'", lines[0], StringComparison.Ordinal);
        Assert.Contains("must be at least 6 digits", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("12", lines[1].Replace("6 digits", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("default or admin acr", lines[2], StringComparison.Ordinal);
    }

    /// <summary>Renames a user so the test plugin treats it as unable to use its method.</summary>
    private async Task<string> RenameAsync(TestUser user, string prefix)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<IdP.Data.Entities.IdPUser>>();
        var entity = await users.FindByIdAsync(user.Id);
        var name = prefix + user.Username;
        Assert.True((await users.SetUserNameAsync(entity!, name)).Succeeded);
        return name;
    }
}
