using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Acr;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Smpp.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.SmsSignIn;

/// <summary>
/// The <c>smpp</c> acr end to end over HTTP: authorization request, password, a code sent over the node's real
/// SMPP session to the SMSC simulator, the code page, tokens. (The browser test does it with the independent
/// npm smpp SMSC.)
/// </summary>
public sealed partial class SmsSignInTests(SmsServerFixture fixture) : IClassFixture<SmsServerFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private IdPServer Server => fixture.Server;

    private static AuthorizeRequest Smpp(TestClient rp, string scope = "openid profile phone") =>
        AuthorizeRequest.For(rp, scope) with { Extra = new Dictionary<string, string> { ["acr_values"] = "smpp" } };

    [Fact]
    public async Task SignIn_PasswordThenSmsCode_TokensSaySmppWithMfa()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = Smpp(rp);

        var codePage = await client.SubmitLoginAsync(await client.AuthorizeAsync(request), user.Username, user.Password);
        var sms = await SmsToAsync(number);
        var code = CodeIn(sms);

        Assert.True(codePage.HasElement("sms-reference"), Landing.Shorten(codePage.Html));
        var reference = Regex.Match(sms.Text, @"ref ([A-Z0-9]{3})").Groups[1].Value;
        var html = System.Net.WebUtility.HtmlDecode(codePage.Html);
        Assert.Contains($"<strong>{reference}</strong>", html);
        Assert.Contains(Mask(number), html);
        Assert.DoesNotContain(number[3..], html);
        Assert.Contains("autocomplete=\"one-time-code\"", codePage.Html);

        var landing = await client.SubmitCodeAsync(codePage, code);
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        Assert.True(tokens.IsSuccess, tokens.ToString());
        var idToken = Jwt.Payload(tokens.IdToken);
        Assert.Equal("smpp", idToken.GetProperty("acr").GetString());
        Assert.Equal(["pwd", "sms", "mfa"], idToken.GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
        Assert.InRange(idToken.GetProperty("auth_time").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        var (status, userinfo) = await client.UserInfoAsync(tokens.AccessToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal(number, userinfo.GetProperty("phone_number").GetString());
        Assert.True(userinfo.GetProperty("phone_number_verified").GetBoolean());
    }

    [Fact]
    public async Task Logs_NeverHoldTheCodeOrTheFullNumber_EvenAtDebug()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var before = fixture.Logs.Lines.Count;

        var page = await client.SubmitLoginAsync(await client.AuthorizeAsync(Smpp(rp)), user.Username, user.Password);
        var code = CodeIn(await SmsToAsync(number));
        page = await client.SubmitCodeAsync(page, code == "000000" ? "111111" : "000000");
        var landing = await client.SubmitCodeAsync(page, code);
        Assert.True(landing.Callback.ContainsKey("code"), landing.ToString());
        await Task.Delay(300); // receipts and audit lines of this sign-in

        var lines = fixture.Logs.Lines.Skip(before).ToList();
        Assert.Contains(lines, l => l.Contains("SMS to", StringComparison.Ordinal)); // the send itself is logged, masked
        Assert.Contains(lines, l => l.Contains("SmppClient", StringComparison.Ordinal) && l.Contains("SubmitSm", StringComparison.Ordinal)); // PDU dumps at Debug
        var national = number[3..];
        Assert.DoesNotContain(lines, l => l.Contains(national, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(code, StringComparison.Ordinal));
        var hexDigits = string.Concat(national.Select(c => ((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(lines, l => l.Replace(" ", "", StringComparison.Ordinal).Contains(hexDigits, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Sms_OriginBoundLine_ArrivesAtTheSmscByteExactInGsm7()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();

        await client.SubmitLoginAsync(await client.AuthorizeAsync(Smpp(rp)), user.Username, user.Password);
        var sms = await SmsToAsync(number);
        var code = CodeIn(sms);

        // Unpacked GSM 03.38: '@' is 0x00, '#' is 0x23, digits and the host's letters are ASCII; a blank line before it.
        Assert.Equal(0x00, sms.DataCoding);
        var expectedTail = new byte[] { 0x0A, 0x0A, 0x00 }.Concat(Encoding.ASCII.GetBytes("127.0.0.1 #" + code)).ToArray();
        Assert.Equal(Convert.ToHexString(expectedTail), Convert.ToHexString(sms.ShortMessage[^expectedTail.Length..]));
        Assert.EndsWith($"\n\n@127.0.0.1 #{code}", sms.Text);
        Assert.True(sms.ShortMessage.Length <= 160, "one segment");
        Assert.Equal(0x01, sms.RegisteredDelivery & 0x01);
    }

    [Fact]
    public async Task Reload_OfTheCodePage_SendsNoSecondSms()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var codePage = await client.SubmitLoginAsync(await client.AuthorizeAsync(Smpp(rp)), user.Username, user.Password);
        await SmsToAsync(number);

        for (var i = 0; i < 3; i++)
        {
            var again = await client.NavigateAsync(codePage.Url.PathAndQuery);
            Assert.True(again.HasElement("Input_Code"), again.ToString());
        }

        await Task.Delay(500);
        Assert.Single(fixture.Simulator.Messages, m => m.Destination == number.TrimStart('+'));
    }

    [Fact]
    public async Task DeliveryReceipt_UpdatesTheRecordAndTheCodePageStatus()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        await client.SubmitLoginAsync(await client.AuthorizeAsync(Smpp(rp)), user.Username, user.Password);
        await SmsToAsync(number);

        var state = "";
        var deadline = DateTime.UtcNow + Wait;
        while (state != "delivered" && DateTime.UtcNow < deadline)
        {
            var status = await client.GetJsonAsync("/account/login?handler=SmsStatus");
            state = status.GetProperty("state").GetString()!;
            if (state != "delivered")
            {
                await Task.Delay(200);
            }
        }

        Assert.Equal("delivered", state);
        await using var scope = Server.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<IdPDbContext>().SmsMessages.SingleAsync(m => m.UserId == user.Id);
        Assert.Equal(SmsStates.Delivered, record.State);
        Assert.NotNull(record.CompletedAt);
        Assert.Equal(Mask(number).Replace(" ", "", StringComparison.Ordinal), record.DestinationMasked.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(1, record.Segments);
        Assert.False(string.IsNullOrEmpty(record.MessageIds));
    }

    [Fact]
    public async Task WrongCodes_UpToTheAttemptLimit_KillTheCode()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var page = await client.SubmitLoginAsync(await client.AuthorizeAsync(Smpp(rp)), user.Username, user.Password);
        var code = CodeIn(await SmsToAsync(number));
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            page = await client.SubmitCodeAsync(page, wrong);
            Assert.Equal("login-error", page.HasElement("login-error") ? "login-error" : page.ToString());
        }

        Assert.Contains("last try", page.ElementText("login-error"));
        var dead = await client.SubmitCodeAsync(page, code);
        Assert.True(dead.IsLoginPage, dead.ToString());
        Assert.Contains("no active code", dead.ElementText("login-error"));

        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
        Assert.Equal(5, await db.AuditEvents.CountAsync(e => e.UserId == user.Id && e.Type == AuditEventTypes.CodeWrong));
        var details = string.Join('\n', await db.AuditEvents.Where(e => e.UserId == user.Id).Select(e => e.Detail).ToListAsync());
        Assert.DoesNotContain(code, details);
        Assert.DoesNotContain(number[4..], details);
    }

    [Fact]
    public async Task PromptLogin_RunsBothStepsAgain_AndTheOldCodeIsDead()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var first = await client.SubmitLoginAsync(await client.AuthorizeAsync(Smpp(rp)), user.Username, user.Password);
        var oldCode = CodeIn(await SmsToAsync(number));
        await client.SubmitCodeAsync(first, oldCode);

        var again = await client.AuthorizeAsync(Smpp(rp) with { Prompt = "login" });
        Assert.True(again.IsLoginPage && again.HasElement("Input_Password"), $"prompt=login must ask for the password again, got {again}");
        var codePage = await client.SubmitLoginAsync(again, user.Username, user.Password);
        var newSms = await SmsToAsync(number, nth: 2);
        var newCode = CodeIn(newSms);

        if (newCode != oldCode)
        {
            var replay = await client.SubmitCodeAsync(codePage, oldCode);
            Assert.True(replay.IsLoginPage, $"a code of an earlier sign-in must not work, got {replay}");
            codePage = replay;
        }

        var landing = await client.SubmitCodeAsync(codePage, newCode);
        Assert.True(landing.Callback.ContainsKey("code"), landing.ToString());
    }

    [Fact]
    public async Task MaxAgeZero_RunsBothStepsAgain()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var first = await client.SubmitLoginAsync(await client.AuthorizeAsync(Smpp(rp)), user.Username, user.Password);
        await client.SubmitCodeAsync(first, CodeIn(await SmsToAsync(number)));

        var request = Smpp(rp) with { MaxAge = 0 };
        var again = await client.AuthorizeAsync(request);
        Assert.True(again.IsLoginPage && again.HasElement("Input_Password"), $"max_age=0 must ask for the password again, got {again}");
        var codePage = await client.SubmitLoginAsync(again, user.Username, user.Password);
        var landing = await client.SubmitCodeAsync(codePage, CodeIn(await SmsToAsync(number, nth: 2)));
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        Assert.Equal(["pwd", "sms", "mfa"], Jwt.Payload(tokens.IdToken).GetProperty("amr").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task EssentialSmpp_UserWithoutPhone_ClearPageThenErrorToTheClient()
    {
        var user = await Server.CreateUserAsync(phone: null);
        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = AuthorizeRequest.For(rp) with
        {
            Extra = new Dictionary<string, string>
            {
                ["claims"] = JsonSerializer.Serialize(new { id_token = new { acr = new { essential = true, values = new[] { "smpp" } } } }),
            },
        };

        var notice = await client.SubmitLoginAsync(await client.AuthorizeAsync(request), user.Username, user.Password);
        Assert.Contains("no verified mobile number", notice.ElementText("notice"));
        var href = ContinueLink().Match(notice.Html).Groups[1].Value;
        var landing = await client.NavigateAsync(System.Net.WebUtility.HtmlDecode(href));

        Assert.Equal("unmet_authentication_requirements", landing.Callback["error"]);
        Assert.False(landing.Callback.ContainsKey("code"));
    }

    [Fact]
    public async Task VoluntarySmpp_UnverifiedNumber_NeverTexted_FallsBackToPassword()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
            await db.UserPhones.Where(p => p.UserId == user.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.VerifiedAt, (DateTimeOffset?)null));
        }

        var rp = await Server.CreateClientAsync();
        using var client = Server.CreateOidcClient();
        var request = Smpp(rp);
        var alternative = await client.SubmitLoginAsync(await client.AuthorizeAsync(request), user.Username, user.Password);
        Assert.True(alternative.HasElement("notice") && alternative.HasElement("Input_Password"), alternative.ToString());
        var landing = await client.SubmitLoginAsync(alternative, user.Username, user.Password);
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);

        Assert.Equal("pwd", Jwt.Payload(tokens.IdToken).GetProperty("acr").GetString());
        Assert.DoesNotContain(fixture.Simulator.Messages, m => m.Destination == number.TrimStart('+'));
    }

    [Fact]
    public async Task VoluntarySmpp_NoPhone_ClientNeedsConsent_FallbackSessionIsAcceptedAfterConsent()
    {
        var user = await Server.CreateUserAsync(phone: null);
        var rp = await Server.CreateClientAsync(spec => spec.Consent = "explicit");
        using var client = Server.CreateOidcClient();
        var request = Smpp(rp);

        var alternative = await client.SubmitLoginAsync(await client.AuthorizeAsync(request), user.Username, user.Password);
        Assert.True(alternative.HasElement("notice"), alternative.ToString());
        var consent = await client.SubmitLoginAsync(alternative, user.Username, user.Password);
        Assert.True(consent.IsConsentPage, $"expected the consent page, got {consent}");

        // Accepting must finish this request with the fallback session, not send the person to sign in again.
        var landing = await client.SubmitConsentAsync(consent, accept: true);
        Assert.True(landing.Callback.ContainsKey("code"), $"expected the callback, got {landing}");
        var tokens = await client.ExchangeCodeAsync(rp, landing.Callback["code"], request.CodeVerifier);
        Assert.Equal("pwd", Jwt.Payload(tokens.IdToken).GetProperty("acr").GetString());

        // A later request for smpp is not satisfied by that pwd session: it runs a sign-in again.
        var later = await client.AuthorizeAsync(Smpp(rp));
        Assert.True(later.IsLoginPage, later.ToString());
    }

    [Fact]
    public async Task OpenIdClient_AcrValuesSmpp_ValidatesTheIdTokenWithAcrAndAmr()
    {
        var number = SmsServerFixture.NewMobileNumber();
        var user = await Server.CreateUserAsync(phone: number);
        var rp = await Server.CreateClientAsync();
        using var browser = Server.CreateOidcClient();
        await using var peer = NodePeer.Start("rp.mjs", "--issuer", Server.Issuer, "--client-id", rp.ClientId, "--redirect-uri", rp.RedirectUri, "--acr-values", "smpp");
        var first = await peer.ReadAsync(Wait);
        Assert.True(first.GetProperty("step").GetString() == "authorize", $"rp.mjs: {first} {peer.Errors}");

        var authorization = new Uri(first.GetProperty("url").GetString()!);
        var codePage = await browser.SubmitLoginAsync(await browser.NavigateAsync(authorization.PathAndQuery), user.Username, user.Password);
        var landing = await browser.SubmitCodeAsync(codePage, CodeIn(await SmsToAsync(number)));
        await peer.WriteLineAsync(landing.ExternalRedirect!.ToString());
        var result = await peer.ReadAsync(Wait);

        // openid-client checked the signature (JWKS), iss, aud, nonce, PKCE and the iss parameter.
        Assert.True(result.GetProperty("step").GetString() == "result", $"rp.mjs failed: {result} {peer.Errors}");
        var id = result.GetProperty("id_token");
        Assert.Equal(user.Id, id.GetProperty("sub").GetString());
        Assert.Equal("smpp", id.GetProperty("acr").GetString());
        Assert.Equal(["pwd", "sms", "mfa"], id.GetProperty("amr").EnumerateArray().Select(e => e.GetString()));
        Assert.True(id.GetProperty("auth_time").GetInt64() > 0);
    }

    private Task<SimulatedMessage> SmsToAsync(string number, int nth = 1) => fixture.SmsToAsync(number, nth);

    private static string CodeIn(SimulatedMessage sms) => SmsServerFixture.CodeIn(sms);

    private static string Mask(string number) => IdP.Authentication.Phones.PhoneNumberRules.Mask(number);

    [GeneratedRegex("id=\"continue\" href=\"([^\"]+)\"")]
    private static partial Regex ContinueLink();
}
