using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>
/// A browser-like client (cookie jar, no automatic redirects) plus the back channel of a relying
/// party: authorization requests with PKCE, the login and consent forms (antiforgery included),
/// the code exchange, refresh, revocation, introspection, userinfo and JWT validation against the
/// server's JWKS. One instance is one browser.
/// </summary>
public sealed class OidcTestClient : IDisposable
{
    private readonly IdPServer _server;

    internal OidcTestClient(IdPServer server)
    {
        _server = server;
        Cookies = new CookieContainer();
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(server.Origin),
        };
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    public bool HasSessionCookie => Cookies.GetCookies(new Uri(_server.Origin)).Any(c => c.Name == "idp.session");

    // ---- front channel -------------------------------------------------------------------

    public Task<Landing> AuthorizeAsync(AuthorizeRequest request) => NavigateAsync(request.ToPathAndQuery());

    /// <summary>GETs a URL and follows the IdP's own redirects until a page or a redirect elsewhere.</summary>
    public async Task<Landing> NavigateAsync(string url)
    {
        var response = await Http.GetAsync(url);
        return await FollowAsync(response);
    }

    /// <summary>Fills and posts the password form.</summary>
    public async Task<Landing> SubmitLoginAsync(Landing loginPage, string username, string password, bool withAntiforgery = true)
    {
        Assert.True(loginPage.IsLoginPage, $"Expected the login page, got {loginPage}");
        var form = new Dictionary<string, string>
        {
            ["Input.Username"] = username,
            ["Input.Password"] = password,
            ["ReturnUrl"] = loginPage.InputValue("ReturnUrl") ?? "",
        };
        if (withAntiforgery)
        {
            form["__RequestVerificationToken"] = loginPage.AntiforgeryToken ?? throw new InvalidOperationException("The login page has no antiforgery token.");
        }

        var response = await Http.PostAsync(loginPage.Url.PathAndQuery, new FormUrlEncodedContent(form));
        return await FollowAsync(response);
    }

    /// <summary>Clicks Allow or Deny on the consent page.</summary>
    public async Task<Landing> SubmitConsentAsync(Landing consentPage, bool accept)
    {
        Assert.True(consentPage.IsConsentPage, $"Expected the consent page, got {consentPage}");
        var form = new Dictionary<string, string>
        {
            ["ReturnUrl"] = consentPage.InputValue("ReturnUrl") ?? "",
            ["decision"] = accept ? "accept" : "deny",
            ["__RequestVerificationToken"] = consentPage.AntiforgeryToken ?? throw new InvalidOperationException("The consent page has no antiforgery token."),
        };
        var response = await Http.PostAsync(consentPage.Url.PathAndQuery, new FormUrlEncodedContent(form));
        return await FollowAsync(response);
    }

    /// <summary>
    /// The whole front channel for a user: authorize, sign in when asked, accept consent when
    /// asked; returns the landing at the relying party (asserting that it is one).
    /// </summary>
    public async Task<Landing> SignInAsync(AuthorizeRequest request, TestUser user)
    {
        var landing = await AuthorizeAsync(request);
        if (landing.IsLoginPage)
        {
            landing = await SubmitLoginAsync(landing, user.Username, user.Password);
        }

        if (landing.IsConsentPage)
        {
            landing = await SubmitConsentAsync(landing, accept: true);
        }

        Assert.True(landing.ExternalRedirect is not null, $"Expected a redirect to the relying party, got {landing}:\n{Landing.Shorten(landing.Html)}");
        return landing;
    }

    /// <summary>Signs in and exchanges the code: the usual "give me tokens for this user".</summary>
    public async Task<TokenResponse> SignInAndExchangeAsync(TestClient client, TestUser user, string scope = "openid profile")
    {
        var request = AuthorizeRequest.For(client, scope);
        var landing = await SignInAsync(request, user);
        var code = landing.Callback.GetValueOrDefault("code") ?? throw new InvalidOperationException($"No code in {landing}");
        var tokens = await ExchangeCodeAsync(client, code, request.CodeVerifier);
        Assert.True(tokens.IsSuccess, tokens.ToString());
        return tokens;
    }

    private async Task<Landing> FollowAsync(HttpResponseMessage response)
    {
        var origin = new Uri(_server.Origin);
        for (var hops = 0; hops < 10; hops++)
        {
            var url = response.RequestMessage!.RequestUri!;
            if (IsRedirect(response.StatusCode))
            {
                var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} without Location from {url}");
                var target = location.IsAbsoluteUri ? location : new Uri(url, location);
                if (!string.Equals(target.GetLeftPart(UriPartial.Authority), origin.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                {
                    return new Landing(response.StatusCode, url, "", target, response);
                }

                response = await Http.GetAsync(target);
                continue;
            }

            var html = await response.Content.ReadAsStringAsync();
            return new Landing(response.StatusCode, url, html, null, response);
        }

        throw new InvalidOperationException("More than 10 redirects inside the IdP.");
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    // ---- back channel --------------------------------------------------------------------

    public Task<TokenResponse> ExchangeCodeAsync(TestClient client, string code, string? codeVerifier, string? redirectUri = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri ?? client.RedirectUri,
        };
        if (codeVerifier is not null)
        {
            form["code_verifier"] = codeVerifier;
        }

        return TokenAsync(client, form);
    }

    public Task<TokenResponse> RefreshAsync(TestClient client, string refreshToken) =>
        TokenAsync(client, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    public Task<TokenResponse> ClientCredentialsAsync(TestClient client, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return TokenAsync(client, form);
    }

    /// <summary>POSTs to the token endpoint with the client's authentication (Basic for confidential clients).</summary>
    public async Task<TokenResponse> TokenAsync(TestClient client, Dictionary<string, string> form)
    {
        using var request = ClientRequest(client, "/connect/token", form);
        using var response = await Http.SendAsync(request);
        return new TokenResponse(response.StatusCode, await ReadJsonAsync(response));
    }

    /// <summary>RFC 7662 introspection by a confidential client.</summary>
    public async Task<JsonElement> IntrospectAsync(TestClient client, string token)
    {
        using var request = ClientRequest(client, "/connect/introspect", new Dictionary<string, string> { ["token"] = token });
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public async Task<bool> IsActiveAsync(TestClient client, string token) =>
        (await IntrospectAsync(client, token)).GetProperty("active").GetBoolean();

    /// <summary>RFC 7009 revocation.</summary>
    public async Task<HttpStatusCode> RevokeAsync(TestClient client, string token)
    {
        using var request = ClientRequest(client, "/connect/revoke", new Dictionary<string, string> { ["token"] = token });
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    public async Task<(HttpStatusCode Status, JsonElement Json)> UserInfoAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>
    /// Validates a JWT as a relying party must: signature against the published JWKS, issuer,
    /// lifetime, and (when given) audience. Returns the payload.
    /// </summary>
    public async Task<JsonElement> ValidateJwtAsync(string jwt, string? audience)
    {
        var jwks = new JsonWebKeySet(await Http.GetStringAsync("/.well-known/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = _server.Issuer,
            ValidateAudience = audience is not null,
            ValidAudience = audience,
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(5),
        });
        Assert.True(result.IsValid, "JWT validation failed: " + result.Exception?.Message);
        Assert.Equal("RS256", Jwt.Header(jwt).GetProperty("alg").GetString());
        return Jwt.Payload(jwt);
    }

    private static HttpRequestMessage ClientRequest(TestClient client, string path, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (client.Secret is null)
        {
            form["client_id"] = client.ClientId;
        }
        else
        {
            // RFC 6749 §2.3.1: form-urlencode id and secret before Basic.
            var credentials = Uri.EscapeDataString(client.ClientId) + ":" + Uri.EscapeDataString(client.Secret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"Expected JSON from {response.RequestMessage?.RequestUri} ({(int)response.StatusCode}), got: {Landing.Shorten(body)}");
        }
    }

    public void Dispose() => Http.Dispose();
}
