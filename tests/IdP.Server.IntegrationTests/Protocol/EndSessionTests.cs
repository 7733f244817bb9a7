using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace IdP.Server.IntegrationTests.Protocol;

/// <summary>RP-initiated logout (OIDC RP-Initiated Logout 1.0).</summary>
[Collection(ServerCollections.Session)]
public sealed class EndSessionTests(IdPServerFixture fixture)
{
    private IdPServer Server => fixture.Server;

    private async Task<(OidcTestClient Client, TestClient Rp, string IdToken)> SignedInAsync()
    {
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        var client = Server.CreateOidcClient();
        var tokens = await client.SignInAndExchangeAsync(rp, user);
        return (client, rp, tokens.IdToken);
    }

    private static async Task<string?> SilentErrorAsync(OidcTestClient client, TestClient rp) =>
        (await client.AuthorizeAsync(AuthorizeRequest.For(rp) with { Prompt = "none" })).Callback.GetValueOrDefault("error");

    [Fact]
    public async Task EndSession_HintAndRegisteredUri_RedirectsWithStateAndEndsSession()
    {
        var (client, rp, idToken) = await SignedInAsync();
        using var _ = client;
        Assert.Null(await SilentErrorAsync(client, rp));

        var landing = await client.NavigateAsync(QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = rp.PostLogoutRedirectUri,
            ["state"] = "bye-123",
        }));

        Assert.Equal(rp.PostLogoutRedirectUri + "?state=bye-123", landing.ExternalRedirect?.ToString());
        Assert.False(client.HasSessionCookie);
        Assert.Equal("login_required", await SilentErrorAsync(client, rp));
    }

    /// <summary>
    /// Attack: an attacker signs in to a relying party with their own account, takes their own (valid,
    /// correctly signed) id_token, and plants a logout link carrying it as id_token_hint. The hint is
    /// genuine but names somebody else than the session's user: it proves nothing about the victim's
    /// wish to sign out, so the OP asks (RP-Initiated Logout 1.0 §2, §3: the hint must match the session).
    /// </summary>
    [Fact]
    public async Task EndSession_ValidHintForAnotherUser_AsksForConfirmationAndKeepsSession()
    {
        var (victim, rp, _) = await SignedInAsync();
        using var _ = victim;
        var attacker = await Server.CreateUserAsync();
        using var attackerBrowser = Server.CreateOidcClient();
        var attackerHint = (await attackerBrowser.SignInAndExchangeAsync(rp, attacker)).IdToken;

        var page = await victim.NavigateAsync(QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = attackerHint,
            ["post_logout_redirect_uri"] = rp.PostLogoutRedirectUri,
        }));

        Assert.Null(page.ExternalRedirect);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.HasElement("confirm-sign-out"), $"expected the confirmation page, got {page}");
        Assert.True(victim.HasSessionCookie);
        Assert.Null(await SilentErrorAsync(victim, rp));
    }

    [Fact]
    public async Task EndSession_ValidHintWithoutSession_RedirectsWithoutConfirmation()
    {
        // Nothing to end: the person goes back to the relying party without a question.
        var (signedIn, rp, idToken) = await SignedInAsync();
        signedIn.Dispose();
        using var fresh = Server.CreateOidcClient();

        var landing = await fresh.NavigateAsync(QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = rp.PostLogoutRedirectUri,
        }));

        Assert.Equal(rp.PostLogoutRedirectUri, landing.ExternalRedirect?.ToString());
    }

    /// <summary>Attack: a hint that this issuer did not sign (forged or from another provider) never skips the question.</summary>
    [Fact]
    public async Task EndSession_ForgedHint_DoesNotSignOut()
    {
        var (client, rp, idToken) = await SignedInAsync();
        using var _ = client;
        var parts = idToken.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);

        var landing = await client.NavigateAsync(QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = forged,
            ["post_logout_redirect_uri"] = rp.PostLogoutRedirectUri,
        }));

        Assert.Null(landing.ExternalRedirect);
        Assert.True(client.HasSessionCookie);
        Assert.Null(await SilentErrorAsync(client, rp));
    }

    [Theory]
    [InlineData("https://evil.test/signed-out")]
    [InlineData("{0}/")]
    [InlineData("{0}?x=1")]
    public async Task EndSession_UnregisteredPostLogoutUri_IsRefusedAndSessionKept(string template)
    {
        var (client, rp, idToken) = await SignedInAsync();
        using var _ = client;
        var uri = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, rp.PostLogoutRedirectUri);

        using var response = await client.Http.GetAsync(QueryHelpers.AddQueryString("/connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = uri,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("id=\"error-code\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await SilentErrorAsync(client, rp));
    }

    /// <summary>
    /// Without an id_token_hint the OP cannot tell the request came from a relying party the user
    /// uses: it must ask before ending the session (RP-Initiated Logout 1.0 §2, ASVS 5 V10.6.2),
    /// or any page could sign users out. See FINDINGS.md (F3).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EndSession_NoHint_AsksForConfirmationAndKeepsSessionUntilConfirmed(bool withPostLogoutUri)
    {
        var (client, rp, _) = await SignedInAsync();
        using var _ = client;
        var url = withPostLogoutUri ? "/connect/endsession?post_logout_redirect_uri=" + Uri.EscapeDataString(rp.PostLogoutRedirectUri!) : "/connect/endsession";

        var page = await client.NavigateAsync(url);

        Assert.True(client.HasSessionCookie, $"the session ended without confirmation ({page})");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.HasElement("confirm-sign-out"));
        Assert.NotNull(page.AntiforgeryToken);
        Assert.Null(await SilentErrorAsync(client, rp));
    }

    [Fact]
    public async Task EndSession_NoHintConfirmed_SignsOutAndShowsSignedOutPage()
    {
        var (client, rp, _) = await SignedInAsync();
        using var _ = client;

        // The antiforgery token of any of our forms, fetched in this signed-in browser (the
        // confirmation page itself is covered by the test above).
        var page = await client.NavigateAsync("/account/login");
        Assert.True(client.HasSessionCookie);

        using var response = await client.Http.PostAsync("/connect/endsession", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["confirm"] = "yes",
            ["__RequestVerificationToken"] = page.AntiforgeryToken!,
        }));

        Assert.True((int)response.StatusCode is 302 or 303, $"expected a redirect, got {(int)response.StatusCode}");
        Assert.Equal("/account/signed-out", response.Headers.Location?.ToString());
        Assert.False(client.HasSessionCookie);
        Assert.Equal("login_required", await SilentErrorAsync(client, rp));
        var signedOut = await client.NavigateAsync("/account/signed-out");
        Assert.Equal(HttpStatusCode.OK, signedOut.Status);
    }

    [Fact]
    public async Task EndSession_ConfirmWithoutAntiforgery_IsRefusedAndSessionKept()
    {
        var (client, rp, _) = await SignedInAsync();
        using var _ = client;

        using var response = await client.Http.PostAsync("/connect/endsession", new FormUrlEncodedContent(new Dictionary<string, string> { ["confirm"] = "yes" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await SilentErrorAsync(client, rp));
    }
}
