using System.Net;
using System.Text.Json;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace IdP.Server.IntegrationTests.Protocol;

/// <summary>Authorization code + PKCE: the happy path and every way it must fail.</summary>
[Collection(ServerCollections.Protocol)]
public sealed class AuthorizationCodeTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    [Fact]
    public async Task CodeFlow_WithPkce_IssuesSignedIdTokenWithAuthenticationAndProfileClaims()
    {
        var user = await Server.CreateUserAsync(phone: "+4915112345678", name: "Ada Lovelace");
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp, "openid profile email phone");
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var landing = await client.SignInAsync(request, user);
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);

        Assert.True(tokens.IsSuccess, tokens.ToString());
        Assert.Equal("Bearer", tokens.Get("token_type"));
        var id = await client.ValidateJwtAsync(tokens.IdToken, rp.ClientId);
        Assert.Equal(user.Id, id.GetProperty("sub").GetString());
        Assert.Equal(request.Nonce, id.GetProperty("nonce").GetString());
        Assert.Equal("pwd", id.GetProperty("acr").GetString());
        Assert.Equal(JsonValueKind.Array, id.GetProperty("amr").ValueKind);
        Assert.Equal(["pwd"], id.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
        var authTime = id.GetProperty("auth_time").GetInt64();
        Assert.InRange(authTime, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal("Ada Lovelace", id.GetProperty("name").GetString());
        Assert.Equal(user.Username, id.GetProperty("preferred_username").GetString());
        Assert.Equal(user.Email, id.GetProperty("email").GetString());
        Assert.True(id.GetProperty("email_verified").GetBoolean());
        Assert.Equal("+4915112345678", id.GetProperty("phone_number").GetString());
        Assert.True(id.GetProperty("phone_number_verified").GetBoolean());
    }

    [Fact]
    public async Task CodeFlow_AccessToken_IsSignedJwtWithAcrAmrAndAuthTime()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();

        var tokens = await client.SignInAndExchangeAsync(rp, user, "openid email");

        var access = await client.ValidateJwtAsync(tokens.AccessToken, audience: null);
        Assert.Equal(user.Id, access.GetProperty("sub").GetString());
        Assert.Equal("pwd", access.GetProperty("acr").GetString());
        Assert.Equal(JsonValueKind.Array, access.GetProperty("amr").ValueKind);
        Assert.True(access.GetProperty("auth_time").GetInt64() > 0);
        Assert.False(access.TryGetProperty("email", out _), "profile data belongs in the id_token and userinfo, not the access token");
        Assert.Equal(rp.ClientId, access.GetProperty("client_id").GetString());
    }

    [Fact]
    public async Task AuthorizationResponse_Success_CarriesIssAndState()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp);

        var landing = await client.SignInAsync(request, user);

        Assert.StartsWith(rp.RedirectUri + "?", landing.ExternalRedirect!.ToString(), StringComparison.Ordinal);
        Assert.Equal(Server.Issuer, landing.Callback["iss"]);
        Assert.Equal(request.State, landing.Callback["state"]);
        Assert.False(string.IsNullOrEmpty(landing.Callback["code"]));
        Assert.False(landing.Callback.ContainsKey("access_token"));
        Assert.False(landing.Callback.ContainsKey("id_token"));
    }

    [Theory]
    [InlineData("openid", new string[0], new[] { "name", "preferred_username", "email", "phone_number" })]
    [InlineData("openid profile", new[] { "name", "preferred_username" }, new[] { "email", "phone_number" })]
    [InlineData("openid email", new[] { "email", "email_verified" }, new[] { "name", "phone_number" })]
    [InlineData("openid phone", new[] { "phone_number", "phone_number_verified" }, new[] { "name", "email" })]
    [InlineData("openid profile email phone", new[] { "name", "preferred_username", "email", "email_verified", "phone_number", "phone_number_verified" }, new string[0])]
    public async Task UserInfo_Scope_ReleasesOnlyTheClaimsOfThatScope(string scope, string[] present, string[] absent)
    {
        var user = await Server.CreateUserAsync(phone: "+4917612345678");
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var tokens = await client.SignInAndExchangeAsync(rp, user, scope);

        var (status, claims) = await client.UserInfoAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(user.Id, claims.GetProperty("sub").GetString());
        foreach (var claim in present)
        {
            Assert.True(claims.TryGetProperty(claim, out _), $"userinfo for '{scope}' lacks {claim}: {claims}");
        }

        foreach (var claim in absent)
        {
            Assert.False(claims.TryGetProperty(claim, out _), $"userinfo for '{scope}' releases {claim}: {claims}");
        }

        if (present.Contains("phone_number"))
        {
            Assert.Equal("+4917612345678", claims.GetProperty("phone_number").GetString());
            Assert.True(claims.GetProperty("phone_number_verified").GetBoolean());
        }
    }

    [Fact]
    public async Task PhoneScope_UserWithoutPhone_ReleasesNoPhoneClaims()
    {
        var user = await Server.CreateUserAsync(phone: null);
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();

        var tokens = await client.SignInAndExchangeAsync(rp, user, "openid phone");

        var id = Jwt.Payload(tokens.IdToken);
        Assert.False(id.TryGetProperty("phone_number", out _));
        Assert.False(id.TryGetProperty("phone_number_verified", out _));
        var (_, claims) = await client.UserInfoAsync(tokens.AccessToken);
        Assert.False(claims.TryGetProperty("phone_number", out _));
    }

    [Fact]
    public async Task UserInfo_WithoutOrWithForgedToken_IsUnauthorized()
    {
        using var client = Server.CreateOidcClient();
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        var tokens = await client.SignInAndExchangeAsync(rp, user);
        var parts = tokens.AccessToken.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + parts[2][..^4] + (parts[2].EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        using var anonymous = await client.Http.GetAsync("/connect/userinfo");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forged);
        using var forgedResponse = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedResponse.StatusCode);
        Assert.Contains(forgedResponse.Headers.WwwAuthenticate, h => h.Scheme == "Bearer" && h.Parameter?.Contains("invalid_token", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(user.Id, await forgedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // ---- PKCE -----------------------------------------------------------------------------

    [Theory]
    [InlineData(null, false, "The 'code_challenge' parameter required for this client application is missing.")]
    [InlineData("plain", false, "The specified 'code_challenge_method' is not supported.")]
    [InlineData("plain", true, "The specified 'code_challenge_method' is not supported.")]
    public async Task Authorize_PkceMissingOrPlain_IsRefusedBeforeSignInWithoutCode(string? method, bool confidentialWithoutPkce, string description)
    {
        var rp = confidentialWithoutPkce
            ? await Server.CreateConfidentialClientAsync(c => c.RequirePkce = false)
            : await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp) with { CodeChallengeMethod = method };

        var landing = await client.AuthorizeAsync(request);

        Assert.False(landing.IsLoginPage, "a request that cannot succeed must not ask for credentials");
        Assert.False(client.HasSessionCookie);
        var error = landing.ExternalRedirect is null ? landing.ElementText("error-code") : landing.Callback.GetValueOrDefault("error");
        var details = landing.ExternalRedirect is null ? landing.ElementText("error-description") : landing.Callback.GetValueOrDefault("error_description");
        Assert.Equal("invalid_request", error);
        Assert.Equal(description, details);
        Assert.DoesNotContain("code=", landing.ExternalRedirect?.Query ?? "", StringComparison.Ordinal);
    }

    /// <summary>
    /// RFC 7636 §4.4.1 / RFC 6749 §4.1.2.1: once client and redirect_uri are valid, an invalid
    /// request is answered at the redirect_uri with error, state and iss, so that the relying party
    /// learns why. See FINDINGS.md (F1).
    /// </summary>
    [Theory]
    [InlineData(null, "openid profile")]
    [InlineData("plain", "openid profile")]
    [InlineData("S256", "openid no-such-scope")]
    public async Task Authorize_InvalidRequestWithValidRedirectUri_ReturnsErrorToClient(string? method, string scope)
    {
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp, scope) with { CodeChallengeMethod = method };

        var landing = await client.AuthorizeAsync(request);

        Assert.True(landing.ExternalRedirect is not null, $"shown as a page instead of returned to the client: {landing.ElementText("error-code")} / {landing.ElementText("error-description")}");
        Assert.StartsWith(rp.RedirectUri + "?", landing.ExternalRedirect!.ToString(), StringComparison.Ordinal);
        Assert.Contains(landing.Callback["error"], new[] { "invalid_request", "invalid_scope" });
        Assert.Equal(request.State, landing.Callback["state"]);
        Assert.Equal(Server.Issuer, landing.Callback["iss"]);
        Assert.False(landing.Callback.ContainsKey("code"));
    }

    [Theory]
    [InlineData("wrong", "invalid_grant")]
    [InlineData("missing", "invalid_request")]
    [InlineData("challenge-as-verifier", "invalid_grant")]
    public async Task Token_BadCodeVerifier_IsRejected(string variant, string error)
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp);
        var code = (await client.SignInAsync(request, user)).Callback["code"];
        var verifier = variant switch
        {
            "wrong" => Pkce.NewVerifier(),
            "challenge-as-verifier" => request.CodeChallenge,
            _ => null,
        };

        var bad = await client.ExchangeCodeAsync(rp, code, verifier);

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal(error, bad.Error);
        Assert.False(bad.Json.TryGetProperty("access_token", out _));
        Assert.False(bad.Json.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task Token_ConfidentialClientWithPkceTurnedOff_ExchangesWithoutVerifier()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateConfidentialClientAsync(c => c.RequirePkce = false);
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp) with { CodeChallengeMethod = null };

        var landing = await client.SignInAsync(request, user);
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], codeVerifier: null);

        Assert.True(tokens.IsSuccess, tokens.ToString());
    }

    [Fact]
    public async Task Token_ConfidentialClientWrongSecret_IsInvalidClient()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateConfidentialClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp);
        var code = (await client.SignInAsync(request, user)).Callback["code"];

        var tokens = await client.ExchangeCodeAsync(rp with { Secret = rp.Secret + "x" }, code, request.CodeVerifier);

        Assert.Equal(HttpStatusCode.Unauthorized, tokens.Status);
        Assert.Equal("invalid_client", tokens.Error);
    }

    // ---- redirect_uri ---------------------------------------------------------------------

    [Theory]
    [InlineData("{0}/")]
    [InlineData("{0}?extra=1")]
    [InlineData("{0}#fragment")]
    [InlineData("HTTPS://{1}.RP.TEST/CALLBACK")]
    [InlineData("https://{1}.rp.test/Callback")]
    [InlineData("http://{1}.rp.test/callback")]
    [InlineData("https://{1}.rp.test.evil.test/callback")]
    [InlineData("https://evil.test/callback")]
    [InlineData("")]
    public async Task Authorize_UnregisteredRedirectUri_ShowsErrorPageAndNeverRedirects(string template)
    {
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var redirect = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, rp.RedirectUri, rp.ClientId);
        var request = AuthorizeRequest.For(rp) with { RedirectUri = redirect };

        using var response = await client.Http.GetAsync(request.ToPathAndQuery());
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var page = new Landing(response.StatusCode, response.RequestMessage!.RequestUri!, html, null, response);
        Assert.Equal("invalid_request", page.ElementText("error-code"));
        Assert.Contains("redirect_uri", page.ElementText("error-explanation"), StringComparison.Ordinal);
        Assert.DoesNotContain("evil.test", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Authorize_UnknownClient_ShowsErrorPageAndNeverRedirects()
    {
        using var client = Server.CreateOidcClient();
        var request = new AuthorizeRequest { ClientId = "no-such-client", RedirectUri = "https://evil.test/callback" };

        using var response = await client.Http.GetAsync(request.ToPathAndQuery());
        var page = new Landing(response.StatusCode, response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync(), null, response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("invalid_request", page.ElementText("error-code"));
        Assert.False(string.IsNullOrEmpty(page.ElementText("error-explanation")));
    }

    [Fact]
    public async Task Token_RedirectUriDifferentFromAuthorization_IsInvalidGrant()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync(c => c.RedirectUris.Add($"https://{c.ClientId}.rp.test/other"));
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp);
        var code = (await client.SignInAsync(request, user)).Callback["code"];

        var tokens = await client.ExchangeCodeAsync(rp, code, request.CodeVerifier, $"https://{rp.ClientId}.rp.test/other");

        Assert.Equal("invalid_grant", tokens.Error);
    }

    // ---- codes are single use and bound to their client -----------------------------------

    [Fact]
    public async Task Token_CodeReplayed_IsInvalidGrantAndRevokesWhatItIssued()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateConfidentialClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp, "openid offline_access");
        var code = (await client.SignInAsync(request, user)).Callback["code"];
        var first = await client.ExchangeCodeAsync(rp, code, request.CodeVerifier);
        Assert.True(first.IsSuccess, first.ToString());
        Assert.True(await client.IsActiveAsync(rp, first.AccessToken));

        var replay = await client.ExchangeCodeAsync(rp, code, request.CodeVerifier);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("invalid_grant", replay.Error);
        Assert.False(await client.IsActiveAsync(rp, first.AccessToken), "the access token issued from the replayed code is still active");
        Assert.False(await client.IsActiveAsync(rp, first.RefreshToken), "the refresh token issued from the replayed code is still active");
        Assert.Equal("invalid_grant", (await client.RefreshAsync(rp, first.RefreshToken)).Error);
    }

    [Fact]
    public async Task Token_CodeOfAnotherClient_IsInvalidGrant()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        var other = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp);
        var code = (await client.SignInAsync(request, user)).Callback["code"];

        var stolen = await client.ExchangeCodeAsync(other, code, request.CodeVerifier, rp.RedirectUri);

        Assert.Equal("invalid_grant", stolen.Error);
    }

    [Fact]
    public async Task Token_GarbageCode_IsInvalidGrant()
    {
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();

        var tokens = await client.ExchangeCodeAsync(rp, "not-a-code", Pkce.NewVerifier());

        Assert.Equal("invalid_grant", tokens.Error);
    }

    [Fact]
    public void CodeLifetime_Configured_IsAtMostFiveMinutes()
    {
        var options = Server.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;

        Assert.NotNull(options.AuthorizationCodeLifetime);
        Assert.True(options.AuthorizationCodeLifetime <= TimeSpan.FromMinutes(5), $"code lifetime {options.AuthorizationCodeLifetime}");
    }

    // ---- flows that must not exist --------------------------------------------------------

    [Theory]
    [InlineData("token")]
    [InlineData("id_token")]
    [InlineData("id_token token")]
    [InlineData("code id_token")]
    [InlineData("code token")]
    public async Task Authorize_ImplicitOrHybridResponseType_IsRefusedWithoutTokens(string responseType)
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp) with { ResponseType = responseType };

        var landing = await client.AuthorizeAsync(request);
        if (landing.IsLoginPage)
        {
            landing = await client.SubmitLoginAsync(landing, user.Username, user.Password);
        }

        var everything = landing.ExternalRedirect?.ToString() ?? landing.Html;
        Assert.DoesNotContain("access_token=", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("id_token=", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", everything, StringComparison.Ordinal);
        var error = landing.ExternalRedirect is not null ? ErrorOf(landing.ExternalRedirect) : landing.ElementText("error-code");
        Assert.Equal("unsupported_response_type", error);
    }

    [Fact]
    public async Task Token_PasswordGrant_IsUnsupported()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateConfidentialClientAsync();
        using var client = Server.CreateOidcClient();

        var tokens = await client.TokenAsync(rp, new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user.Username,
            ["password"] = user.Password,
            ["scope"] = "openid",
        });

        Assert.Equal(HttpStatusCode.BadRequest, tokens.Status);
        Assert.Equal("unsupported_grant_type", tokens.Error);
    }

    private static string? ErrorOf(Uri redirect)
    {
        // Implicit-style errors may come in the fragment.
        var parameters = redirect.Fragment.Length > 1 ? redirect.Fragment[1..] : redirect.Query.TrimStart('?');
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(parameters).GetValueOrDefault("error").ToString();
    }
}
