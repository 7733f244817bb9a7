using System.Text.RegularExpressions;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Sms;
using static IdP.Server.IntegrationTests.Sms.SmppTestSettings;

namespace IdP.Server.IntegrationTests.SmsSignIn;

/// <summary>
/// The SMS's origin-bound line (<c>@host #code</c>, WICG origin-bound one-time codes) names the issuer's host, never
/// the request's. Attack: a phishing page relays the victim's sign-in with its own <c>Host</c> header; had the line
/// followed the header, the victim's phone would offer (WebOTP, iOS autofill) the real code to the attacker's
/// origin. Here the operator even let every Host in (<c>AllowedHosts=*</c>), and the message reaching the
/// independent SMSC (npm smpp) still names the issuer.
/// </summary>
public sealed partial class SmsOriginHostTests
{
    private const string SystemId = "idp-origin";
    private const string Password = "pw-orig";
    private const string SpoofedHost = "attacker.example";

    [Fact]
    public async Task SmsCode_SignInWithSpoofedHostHeader_OriginLineNamesTheIssuersHost()
    {
        await using var smsc = await SmscPeer.StartAsync(0, SystemId, Password);
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);
        foreach (var (key, value) in Sms.SmsServerFixture.FastGatewaySettings("origin-" + Guid.NewGuid().ToString("N")[..8]))
        {
            settings[key] = value;
        }

        settings["IdP:Issuer"] = "http://login.idp.test/";
        settings["AllowedHosts"] = "*";
        await using var server = new IdPServer(settings).Start();
        await ConfigureAsync(server, smsc.Port, SystemId, Password, enable: true);
        await WaitUntilReadyAsync(server);
        var number = SmsServerFixture.NewMobileNumber();
        var user = await server.CreateUserAsync(phone: number);
        var rp = await server.CreateClientAsync();
        using var client = server.CreateOidcClient(new SpoofHost(SpoofedHost));
        var request = AuthorizeRequest.For(rp) with { Extra = new Dictionary<string, string> { ["acr_values"] = "smpp" } };

        var login = await client.AuthorizeAsync(request);
        Assert.True(login.IsLoginPage, login.ToString());
        var codePage = await client.SubmitLoginAsync(login, user.Username, user.Password);
        var submit = await smsc.WaitForAsync(e => SmscPeer.Is(e, "submit") && SmscPeer.Str(e, "destination")?.EndsWith(number[1..], StringComparison.Ordinal) == true, Patience);
        var text = SmscPeer.Str(submit, "text") ?? "";

        Assert.True(codePage.HasElement("sms-reference"), codePage.ToString());
        Assert.Matches(OriginLine(), text);
        Assert.EndsWith("\n@login.idp.test #" + OriginLine().Match(text).Groups["code"].Value, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SpoofedHost, text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"@login\.idp\.test #(?<code>[0-9]{6,8})$")]
    private static partial Regex OriginLine();

    /// <summary>Sends every request with the attacker's Host header (the connection still goes to the test server).</summary>
    private sealed class SpoofHost(string host) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Host = host;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
