using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.Security;

namespace IdP.Server.IntegrationTests.RateLimits;

/// <summary>
/// Attack: password spraying from one address — one or two common passwords tried against many accounts,
/// which the per-account lockout never sees (NIST SP 800-63B-4 §3.2.2, ASVS 5 V6.3.1/V2.4.1). The sign-in
/// form accepts <c>PasswordStep</c> posts per client address per window (production defaults here), then
/// answers 429 with <c>Retry-After</c> and a page that says when to try again; other addresses are unaffected.
/// </summary>
public sealed class PasswordStepRateLimitTests(DefaultRateLimitsFixture fixture) : IClassFixture<DefaultRateLimitsFixture>
{
    private IdPServer Server => fixture.Server;

    [Fact]
    public async Task PasswordPosts_OverTheDefaultLimitFromOneAddress_Get429WithRetryAfterAndPage_AnotherAddressSignsIn()
    {
        var limit = new RateLimitOptions().PasswordStep.PermitLimit;
        using var attacker = LoopbackClient.From(Server, "127.0.0.2");
        var login = await attacker.PageAsync("/account/login");
        Assert.True(login.IsLoginPage, login.ToString());

        for (var i = 0; i < limit; i++)
        {
            // Spraying: another account each time, and a forged X-Forwarded-For (not trusted: forwarded headers are off).
            using var allowed = await PostPasswordAsync(attacker, login, "sprayed-" + i, html: true, forwardedFor: $"198.51.100.{i + 1}");
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"post {i + 1} of {limit}: {(int)allowed.StatusCode}");
        }

        using var refused = await PostPasswordAsync(attacker, login, "sprayed-last", html: true, forwardedFor: "198.51.100.250");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("429 without a Retry-After in seconds");
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), new RateLimitOptions().PasswordStep.Window);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"too-many-requests\"", page, StringComparison.Ordinal);
        Assert.Contains($"Try again in {(int)retryAfter.TotalSeconds} second", page, StringComparison.Ordinal);

        // A client that does not ask for HTML gets the same sentence as plain text.
        using var plain = await PostPasswordAsync(attacker, login, "sprayed-plain", html: false, forwardedFor: null);
        Assert.Equal(HttpStatusCode.TooManyRequests, plain.StatusCode);
        Assert.Equal("text/plain", plain.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Too many requests from your network. Try again in ", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(plain.Headers.RetryAfter?.Delta);

        // Somebody else, from another address (127.0.0.1), signs in as usual.
        var user = await Server.CreateUserAsync();
        var rp = await Server.CreateClientAsync();
        using var neighbour = Server.CreateOidcClient();
        var tokens = await neighbour.SignInAndExchangeAsync(rp, user);
        Assert.True(tokens.IsSuccess, tokens.ToString());
    }

    private static Task<HttpResponseMessage> PostPasswordAsync(HttpClient client, Landing login, string username, bool html, string? forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Username"] = username,
                ["Input.Password"] = "Winter2025!-guess",
                ["ReturnUrl"] = login.InputValue("ReturnUrl") ?? "",
                ["__RequestVerificationToken"] = login.AntiforgeryToken!,
            }),
        };
        request.Headers.Accept.ParseAdd(html ? "text/html,application/xhtml+xml" : "*/*");
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return client.SendAsync(request);
    }
}
