using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Protocol;

/// <summary>Consent for clients registered as explicit; none for first-party (implicit) clients.</summary>
[Collection(ServerCollections.Session)]
public sealed class ConsentTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    private async Task<(OidcTestClient Client, TestClient Rp, AuthorizeRequest Request, Landing Consent)> ConsentPageAsync()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync(c => c.Consent = "explicit");
        var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp, "openid profile email");
        var landing = await client.AuthorizeAsync(request);
        landing = await client.SubmitLoginAsync(landing, user.Username, user.Password);
        return (client, rp, request, landing);
    }

    [Fact]
    public async Task ExplicitClient_FirstSignIn_ShowsConsentWithClientAndScopes()
    {
        var (client, rp, _, consent) = await ConsentPageAsync();
        using var _ = client;

        Assert.True(consent.IsConsentPage, $"expected the consent page, got {consent}");
        Assert.Equal(rp.ClientId, consent.ElementText("client-name"));
        Assert.Contains("data-scope=\"profile\"", consent.Html, StringComparison.Ordinal);
        Assert.Contains("data-scope=\"email\"", consent.Html, StringComparison.Ordinal);
        Assert.True(consent.HasElement("consent-accept"));
        Assert.True(consent.HasElement("consent-deny"));
    }

    [Fact]
    public async Task ExplicitClient_Deny_ReturnsAccessDeniedToClient()
    {
        var (client, rp, request, consent) = await ConsentPageAsync();
        using var _ = client;

        var landing = await client.SubmitConsentAsync(consent, accept: false);

        Assert.StartsWith(rp.RedirectUri + "?", landing.ExternalRedirect?.ToString(), StringComparison.Ordinal);
        Assert.Equal("access_denied", landing.Callback["error"]);
        Assert.Equal(request.State, landing.Callback["state"]);
        Assert.Equal(Server.Issuer, landing.Callback["iss"]);
        Assert.False(landing.Callback.ContainsKey("code"));
    }

    [Fact]
    public async Task ExplicitClient_Accept_IssuesCodeAndIsNotAskedAgain()
    {
        var (client, rp, request, consent) = await ConsentPageAsync();
        using var _ = client;

        var landing = await client.SubmitConsentAsync(consent, accept: true);
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        var second = await client.AuthorizeAsync(AuthorizeRequest.For(rp, "openid profile email"));

        Assert.True(tokens.IsSuccess, tokens.ToString());
        Assert.False(second.IsConsentPage, "consent was asked again for the same scopes");
        Assert.True(second.Callback.ContainsKey("code"));
    }

    [Fact]
    public async Task ExplicitClient_PromptNoneWithoutConsent_IsConsentRequired()
    {
        var (client, rp, _, _) = await ConsentPageAsync();
        using var _ = client;
        var request = AuthorizeRequest.For(rp, "openid profile email") with { Prompt = "none" };

        var landing = await client.AuthorizeAsync(request);

        Assert.Equal("consent_required", landing.Callback["error"]);
        Assert.Equal(request.State, landing.Callback["state"]);
    }

    [Fact]
    public async Task ImplicitConsentClient_SignIn_NeverShowsConsent()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync(c => c.Consent = "implicit");
        using var client = Server.CreateOidcClient();

        var landing = await client.AuthorizeAsync(AuthorizeRequest.For(rp, "openid profile email phone"));
        landing = await client.SubmitLoginAsync(landing, user.Username, user.Password);

        Assert.False(landing.IsConsentPage);
        Assert.True(landing.Callback.ContainsKey("code"));
    }

    [Fact]
    public async Task Consent_PostWithoutAntiforgery_IsRefused()
    {
        var (client, rp, _, consent) = await ConsentPageAsync();
        using var _ = client;

        using var response = await client.Http.PostAsync(consent.Url.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ReturnUrl"] = consent.InputValue("ReturnUrl")!,
            ["decision"] = "accept",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await client.AuthorizeAsync(AuthorizeRequest.For(rp, "openid profile email"))).IsConsentPage, "consent was recorded without a token");
    }

    [Fact]
    public async Task Consent_ReturnUrlToAnotherSite_IsRefused()
    {
        var (client, _, _, _) = await ConsentPageAsync();
        using var _ = client;

        using var response = await client.Http.GetAsync("/consent?returnUrl=" + Uri.EscapeDataString("https://evil.test/connect/authorize?client_id=x"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ExplicitClient_MoreScopesThanConsented_AsksAgain()
    {
        var (client, rp, _, consent) = await ConsentPageAsync();
        using var _ = client;
        await client.SubmitConsentAsync(consent, accept: true);

        var wider = await client.AuthorizeAsync(AuthorizeRequest.For(rp, "openid profile email phone"));

        Assert.True(wider.IsConsentPage, $"a new scope (phone) was granted without consent: {wider}");
        Assert.Contains("data-scope=\"phone\"", wider.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplicitClient_PromptConsentAfterConsent_AsksAgain()
    {
        var (client, rp, _, consent) = await ConsentPageAsync();
        using var _ = client;
        await client.SubmitConsentAsync(consent, accept: true);

        var again = await client.AuthorizeAsync(AuthorizeRequest.For(rp, "openid profile email") with { Prompt = "consent" });

        Assert.True(again.IsConsentPage, $"prompt=consent did not show the consent page: {again}");
    }
}
