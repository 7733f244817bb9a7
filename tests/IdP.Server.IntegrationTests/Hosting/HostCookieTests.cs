using System.Net;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.Portal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Hosting;

/// <summary>
/// Over https every IdP cookie is <c>__Host-</c> prefixed: Secure, Path=/, no Domain. Attack: a sibling subdomain or a
/// plain-http page of the same host (cookie tossing) could plant or overwrite an unprefixed session, flow,
/// antiforgery or enrollment cookie; browsers refuse <c>__Host-</c> cookies that do not come from this exact host over
/// https (RFC 6265bis §4.1.3.2; ASVS 5.0 V3.3.1). Over plain http on loopback (the embedded default) the bare names
/// stay, since browsers refuse <c>__Host-</c> without Secure.
/// </summary>
public sealed class HostCookieTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    [Fact]
    public async Task Https_SignInDemoAndEnrollment_EveryCookieIsHostPrefixedSecureRootPathWithoutDomain()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);
        settings.Remove("IdP:RequireHttps"); // the default: on (the issuer is https)
        settings["IdP:Demo:Enabled"] = "true"; // the demo relying party's state cookie too
        using var tls = TestCertificates.CreateRsa("CN=127.0.0.1", tlsServer: true);
        await using var server = new IdPServer(settings).Start(IPAddress.Loopback, tls);
        var recorder = new SetCookieRecorder();
        using var client = server.CreateOidcClient(recorder);
        var user = await server.CreateUserAsync();
        var rp = await server.CreateClientAsync();

        await client.SignInAsync(AuthorizeRequest.For(rp), user);
        using (await client.Http.GetAsync("/demo/start"))
        {
        }

        var cookies = recorder.Headers.Append(EnrollmentSetCookie(server, https: true)).ToList();

        Assert.StartsWith("https://", server.Issuer, StringComparison.Ordinal);
        var names = cookies.Select(NameOf).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "__Host-idp.session", "__Host-idp.flow", "__Host-idp.af", "__Host-idp.demo.state", "__Host-idp.enroll" }, names);
        Assert.All(cookies, cookie =>
        {
            var attributes = AttributesOf(cookie);
            Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
            Assert.True(attributes.ContainsKey("secure"), $"not Secure: {cookie}");
            Assert.True(attributes.TryGetValue("path", out var path) && path == "/", $"Path is not /: {cookie}");
            Assert.False(attributes.ContainsKey("domain"), $"has a Domain: {cookie}");
        });
    }

    [Fact]
    public async Task Http_EmbeddedDefaultOnLoopback_KeepsTheBareNames()
    {
        var settings = _data.EmbeddedDefaultSettings();
        settings["IdP:SmscSimulator:Enabled"] = "false";
        await using var server = new IdPServer(settings).Start();
        var recorder = new SetCookieRecorder();
        using var client = server.CreateOidcClient(recorder);
        var demoClient = new TestClient("demo-client", null, "http://localhost:5000/demo/callback", null);

        var login = await client.AuthorizeAsync(AuthorizeRequest.For(demoClient));
        await client.SubmitLoginAsync(login, "demo", "demo-password-123");

        var names = recorder.Headers.Append(EnrollmentSetCookie(server, https: false)).Select(NameOf).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string> { "idp.session", "idp.flow", "idp.af", "idp.enroll" }, names);
        Assert.DoesNotContain(names, n => n.StartsWith("__Host-", StringComparison.Ordinal));
    }

    /// <summary>The enrollment cookie as the portal writes it (its HTTP path needs a phone enrollment; the attributes are the point).</summary>
    private static string EnrollmentSetCookie(IdPServer server, bool https)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = https ? "https" : "http";
        var now = DateTimeOffset.UtcNow;
        server.Services.GetRequiredService<EnrollmentCookie>().Write(http, new PendingEnrollment("enr-1", "user-1", "+4915112345678", null, now, now, "K7Q"));
        return http.Response.Headers.SetCookie.ToString();
    }

    private static string NameOf(string setCookie) => setCookie[..setCookie.IndexOf('=', StringComparison.Ordinal)];

    private static Dictionary<string, string> AttributesOf(string setCookie) => setCookie.Split(';').Skip(1)
        .Select(part => part.Trim().Split('=', 2))
        .ToDictionary(kv => kv[0].ToLowerInvariant(), kv => kv.Length > 1 ? kv[1] : "", StringComparer.Ordinal);

    public void Dispose() => _data.Dispose();

    /// <summary>Keeps every Set-Cookie header the server sent, redirects included.</summary>
    private sealed class SetCookieRecorder : DelegatingHandler
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _headers = new();

        public IReadOnlyList<string> Headers => [.. _headers];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    _headers.Enqueue(value);
                }
            }

            return response;
        }
    }
}
