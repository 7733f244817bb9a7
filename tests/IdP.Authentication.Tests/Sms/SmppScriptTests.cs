using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using IdP.Authentication.Sms;
using IdP.Authentication.Tests.Engine;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.Tests.Sms;

/// <summary>
/// The smpp script through the real engine, OTP service, limiter and delivery records over SQLite; the SMS
/// channel records what it was handed.
/// </summary>
public sealed class SmppScriptTests : IAsyncLifetime
{
    private const string Password = "Correct-horse-battery-1";
    private readonly RecordingSmsSender _sms = new();
    private readonly SmsOptions _limits = new() { OriginHost = "idp.example.com" };
    private EngineHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new EngineHost(services =>
        {
            services.AddSingleton<ISmsSender>(_sms);
            services.AddSingleton(_limits);
        });
        using var scope = _host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().SetEnabledAsync(SmppScript.AcrValue, true, default);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SignIn_PasswordThenCode_CompletesWithSmsAmrAndOriginBoundMessage()
    {
        await CreateUserAsync("alice", ("+4915112345678", true));
        var flow = await StartAsync();

        var afterPassword = await SubmitAsync(flow, ("username", "alice"), ("password", Password));
        Assert.Equal(FlowResultKind.ShowStep, afterPassword.Kind);
        Assert.Equal(SmppScript.CodePage, afterPassword.Page!.Page);
        var sent = Assert.Single(_sms.Sent);
        Assert.Equal("+4915112345678", sent.Destination);
        Assert.EndsWith($"\n\n@idp.example.com #{_sms.LastCode()}", sent.Text);
        Assert.Contains($"(ref {afterPassword.Page.Data["reference"]})", sent.Text);
        Assert.Equal("+49 •••• •••• •78", afterPassword.Page.Data["masked"]);
        Assert.Equal(6, _sms.LastCode().Length);

        var done = await SubmitAsync(flow, ("code", " " + _sms.LastCode()[..3] + " " + _sms.LastCode()[3..]));
        Assert.Equal(FlowResultKind.Completed, done.Kind);
        Assert.Equal(["pwd", "sms", "mfa"], done.Authentication!.Amr);
        Assert.Equal("smpp", done.Authentication.ReportedAcr);

        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
        var record = await db.SmsMessages.SingleAsync();
        Assert.Equal(SmsStates.Sent, record.State);
        Assert.Equal(flow, record.FlowId);
        Assert.DoesNotContain("5678", record.DestinationMasked[..^2]);
        var types = await db.AuditEvents.OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        Assert.Contains(AuditEventTypes.CodeSent, types);
        Assert.Contains(AuditEventTypes.CodeVerified, types);
        Assert.Contains(AuditEventTypes.SignInSucceeded, types);
        var details = string.Join("\n", await db.AuditEvents.Select(e => e.Detail).ToListAsync());
        Assert.DoesNotContain(_sms.LastCode(), details);
        Assert.DoesNotContain("15112345678", details);
    }

    [Fact]
    public async Task Prepare_Reloaded_NeverSendsAnotherSms()
    {
        await CreateUserAsync("bob", ("+4915112345670", true));
        var flow = await StartAsync();
        await SubmitAsync(flow, ("username", "bob"), ("password", Password));

        for (var i = 0; i < 3; i++)
        {
            var page = await PrepareAsync(flow);
            Assert.Equal(SmppScript.CodePage, page.Page!.Page);
        }

        Assert.Single(_sms.Sent);
    }

    [Fact]
    public async Task WrongCodes_CountDown_ThenCodeIsDeadUntilANewOneIsSent()
    {
        await CreateUserAsync("carol", ("+4915112345671", true));
        var flow = await StartAsync();
        await SubmitAsync(flow, ("username", "carol"), ("password", Password));
        var good = _sms.LastCode();
        var wrong = good == "000000" ? "111111" : "000000";

        for (var left = 4; left >= 1; left--)
        {
            var result = await SubmitAsync(flow, ("code", wrong));
            Assert.Contains(left == 1 ? "1 more try" : $"{left} more tries", result.Message);
        }

        var last = await SubmitAsync(flow, ("code", wrong));
        Assert.Contains("last try", last.Message);
        var dead = await SubmitAsync(flow, ("code", good));
        Assert.Equal(FlowResultKind.ShowStep, dead.Kind);
        Assert.Contains("no active code", dead.Message);

        _host.Time.Advance(TimeSpan.FromSeconds(31));
        await SubmitAsync(flow, ("action", "resend"));
        Assert.Equal(2, _sms.Sent.Count);
        var fresh = await SubmitAsync(flow, ("code", _sms.LastCode()));
        Assert.Equal(FlowResultKind.Completed, fresh.Kind);
    }

    [Fact]
    public async Task Resend_WithinCooldown_SendsNothing_AfterCooldown_ReplacesTheCode()
    {
        await CreateUserAsync("dave", ("+4915112345672", true));
        var flow = await StartAsync();
        await SubmitAsync(flow, ("username", "dave"), ("password", Password));
        var first = _sms.LastCode();

        var early = await SubmitAsync(flow, ("action", "resend"));
        Assert.Single(_sms.Sent);
        Assert.Contains("You can ask for a new one in", early.Page!.Data["notice"]);

        _host.Time.Advance(TimeSpan.FromSeconds(30));
        var resent = await SubmitAsync(flow, ("action", "resend"));
        Assert.Equal(2, _sms.Sent.Count);
        Assert.False(resent.Page!.Data.ContainsKey("notice"));
        var second = _sms.LastCode();

        if (first != second)
        {
            var old = await SubmitAsync(flow, ("code", first));
            Assert.Equal(FlowResultKind.ShowStep, old.Kind);
        }

        Assert.Equal(FlowResultKind.Completed, (await SubmitAsync(flow, ("code", second))).Kind);
    }

    [Fact]
    public async Task Code_Expired_IsRefused()
    {
        await CreateUserAsync("erin", ("+4915112345673", true));
        var flow = await StartAsync();
        await SubmitAsync(flow, ("username", "erin"), ("password", Password));

        _host.Time.Advance(TimeSpan.FromSeconds(301));
        var result = await SubmitAsync(flow, ("code", _sms.LastCode()));
        Assert.Equal(FlowResultKind.ShowStep, result.Kind);
        Assert.Contains("expired", result.Message);
    }

    [Fact]
    public async Task Code_FromAnotherFlow_IsRefused()
    {
        await CreateUserAsync("frank", ("+4915112345674", true));
        var first = await StartAsync();
        await SubmitAsync(first, ("username", "frank"), ("password", Password));
        var codeOfFirst = _sms.LastCode();
        var second = await StartAsync();
        await SubmitAsync(second, ("username", "frank"), ("password", Password));

        if (codeOfFirst != _sms.LastCode())
        {
            var result = await SubmitAsync(second, ("code", codeOfFirst));
            Assert.Equal(FlowResultKind.ShowStep, result.Kind);
            Assert.Contains("not right", result.Message);
        }

        Assert.Equal(FlowResultKind.Completed, (await SubmitAsync(first, ("code", codeOfFirst))).Kind);
    }

    [Fact]
    public async Task UnverifiedNumber_NeverReceivesACode_VoluntaryRequestFallsBackToPasswordWithNotice()
    {
        await CreateUserAsync("gina", ("+4915112345675", false));
        var flow = await StartAsync();

        var result = await SubmitAsync(flow, ("username", "gina"), ("password", Password));

        Assert.Empty(_sms.Sent);
        Assert.Equal(FlowResultKind.ShowStep, result.Kind);
        Assert.Equal(PasswordScript.PageName, result.Page!.Page);
        Assert.Contains("no verified mobile number", result.Notice);
        var done = await SubmitAsync(flow, ("username", "gina"), ("password", Password));
        Assert.Equal("pwd", done.Authentication!.ReportedAcr);
    }

    [Fact]
    public async Task EssentialSmpp_UserWithoutPhone_FailsBackToTheClientWithANotice()
    {
        await CreateUserAsync("hank");
        var flow = await StartAsync(essential: true);

        var result = await SubmitAsync(flow, ("username", "hank"), ("password", Password));

        Assert.Equal(FlowResultKind.Failed, result.Kind);
        Assert.Equal("unmet_authentication_requirements", result.Error);
        Assert.Contains("/account", result.Notice);
        Assert.Empty(_sms.Sent);
    }

    [Fact]
    public async Task SeveralVerifiedNumbers_UserChooses_CodeGoesToTheChosenOne()
    {
        await CreateUserAsync("iris", ("+4915112345676", true), ("+4917612345677", true), ("+4915112345679", false));
        var flow = await StartAsync();

        var chooser = await SubmitAsync(flow, ("username", "iris"), ("password", Password));
        Assert.Equal(SmppScript.ChoosePage, chooser.Page!.Page);
        var options = chooser.Page.Data.Where(kv => kv.Key.StartsWith("option:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, options.Count);
        Assert.Empty(_sms.Sent);
        Assert.All(options, o => Assert.DoesNotContain("1234567", o.Value));

        var target = options.Single(o => o.Value.EndsWith("77", StringComparison.Ordinal)).Key["option:".Length..];
        var codePage = await SubmitAsync(flow, ("action", "choose"), ("phone", target));
        Assert.Equal(SmppScript.CodePage, codePage.Page!.Page);
        Assert.Equal("+4917612345677", Assert.Single(_sms.Sent).Destination);

        var forged = await SubmitAsync(flow, ("action", "choose"), ("phone", "999999"));
        Assert.Equal("Choose one of the numbers shown.", forged.Message);
        Assert.Single(_sms.Sent);
    }

    [Fact]
    public async Task SendLimit_PerNumber_RefusesTheFourthCodeWithinFiveMinutes_AndAudits()
    {
        await CreateUserAsync("jack", ("+4915112340001", true));
        var flow = await StartAsync();
        await SubmitAsync(flow, ("username", "jack"), ("password", Password));
        for (var i = 0; i < 2; i++)
        {
            _host.Time.Advance(TimeSpan.FromSeconds(31));
            await SubmitAsync(flow, ("action", "resend"));
        }

        Assert.Equal(3, _sms.Sent.Count);
        _host.Time.Advance(TimeSpan.FromSeconds(31));
        var refused = await SubmitAsync(flow, ("action", "resend"));

        Assert.Equal(3, _sms.Sent.Count);
        Assert.Equal(SmppScript.SendFailedPage, refused.Page!.Page);
        Assert.Contains("Too many codes were sent to this number", refused.Page.Data["error"]);
        Assert.True(long.Parse(refused.Page.Data["retryAt"], System.Globalization.CultureInfo.InvariantCulture) > _host.Time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var scope = _host.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<IdPDbContext>().AuditEvents.AnyAsync(e => e.Type == AuditEventTypes.SendLimited));

        // After the window the growing back-off still applies: the next send must wait past the window.
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        await SubmitAsync(flow, ("action", "resend"));
        Assert.Equal(4, _sms.Sent.Count);
        _host.Time.Advance(TimeSpan.FromSeconds(31));
        var backoff = await SubmitAsync(flow, ("action", "resend"));
        Assert.Equal(4, _sms.Sent.Count);
        Assert.Equal(SmppScript.SendFailedPage, backoff.Page!.Page);
    }

    [Fact]
    public async Task SendLimit_PerAccount_CountsAcrossNumbersAndFlows()
    {
        _limits.PerNumberLimit = 10;
        await CreateUserAsync("kate", ("+4915112340002", true));
        for (var i = 0; i < 5; i++)
        {
            var f = await StartAsync();
            await SubmitAsync(f, ("username", "kate"), ("password", Password));
        }

        Assert.Equal(5, _sms.Sent.Count);
        var sixth = await StartAsync();
        var refused = await SubmitAsync(sixth, ("username", "kate"), ("password", Password));
        Assert.Equal(5, _sms.Sent.Count);
        Assert.Contains("for this account", refused.Page!.Data["error"]);
    }

    [Fact]
    public async Task SendLimit_PerAddress_CountsAcrossAccounts()
    {
        _limits.PerAddressLimit = 2;
        await CreateUserAsync("lena", ("+4915112340003", true));
        await CreateUserAsync("mike", ("+4915112340004", true));
        await CreateUserAsync("nina", ("+4915112340005", true));
        foreach (var user in new[] { "lena", "mike" })
        {
            await SubmitAsync(await StartAsync(), ("username", user), ("password", Password));
        }

        var refused = await SubmitAsync(await StartAsync(), ("username", "nina"), ("password", Password));
        Assert.Equal(2, _sms.Sent.Count);
        Assert.Contains("from your network", refused.Page!.Data["error"]);
    }

    [Fact]
    public async Task CircuitBreaker_HourlyBudgetReached_TripsRefusesEveryoneUntilReset()
    {
        _limits.HourlyBudget = 2;
        await CreateUserAsync("olga", ("+4915112340006", true));
        await CreateUserAsync("paul", ("+4915112340007", true));
        await CreateUserAsync("quin", ("+4915112340008", true));
        await SubmitAsync(await StartAsync(), ("username", "olga"), ("password", Password));
        await SubmitAsync(await StartAsync(), ("username", "paul"), ("password", Password));

        var refused = await SubmitAsync(await StartAsync(), ("username", "quin"), ("password", Password));
        Assert.Equal(2, _sms.Sent.Count);
        Assert.Contains("paused", refused.Page!.Data["error"]);

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var limiter = scope.ServiceProvider.GetRequiredService<SmsSendLimiter>();
            var breaker = await limiter.GetBreakerAsync(default);
            Assert.True(breaker.IsOpen);
            Assert.Contains("hourly budget", breaker.Reason);
            Assert.True(await scope.ServiceProvider.GetRequiredService<IdPDbContext>().AuditEvents.AnyAsync(e => e.Type == AuditEventTypes.CircuitBreakerTripped));
            _limits.HourlyBudget = 1000;
            Assert.True((await limiter.GetBreakerAsync(default)).IsOpen); // raising the budget does not close it
            await limiter.ResetBreakerAsync(default);
        }

        await SubmitAsync(await StartAsync(), ("username", "quin"), ("password", Password));
        Assert.Equal(3, _sms.Sent.Count);
    }

    [Fact]
    public async Task SmscUnavailable_ShowsRetry_CodeNeverUsable_RetryAfterRecoverySends()
    {
        await CreateUserAsync("rita", ("+4915112340009", true));
        _sms.Outcome = SmsSendOutcome.Unavailable;
        var flow = await StartAsync();

        var failed = await SubmitAsync(flow, ("username", "rita"), ("password", Password));
        Assert.Equal(SmppScript.SendFailedPage, failed.Page!.Page);
        Assert.Contains("not reachable", failed.Page.Data["error"]);
        var unusable = await SubmitAsync(flow, ("code", _sms.LastCode()));
        Assert.Equal(FlowResultKind.ShowStep, unusable.Kind);

        _sms.Outcome = SmsSendOutcome.Accepted;
        var retried = await SubmitAsync(flow, ("action", "resend"));
        Assert.Equal(SmppScript.CodePage, retried.Page!.Page);
        Assert.Equal(FlowResultKind.Completed, (await SubmitAsync(flow, ("code", _sms.LastCode()))).Kind);

        await using var scope = _host.Services.CreateAsyncScope();
        var states = await scope.ServiceProvider.GetRequiredService<IdPDbContext>().SmsMessages.OrderBy(m => m.Id).Select(m => m.State).ToListAsync();
        Assert.Equal([SmsStates.Failed, SmsStates.Sent], states);
    }

    [Fact]
    public async Task PremiumRateNumber_IsRefusedBeforeSending()
    {
        await CreateUserAsync("sven", ("+499001234567", true));
        var flow = await StartAsync();

        var result = await SubmitAsync(flow, ("username", "sven"), ("password", Password));

        Assert.Empty(_sms.Sent);
        Assert.Equal(SmppScript.SendFailedPage, result.Page!.Page);
        Assert.Contains("Premium-rate", result.Page.Data["error"]);
    }

    [Fact]
    public async Task AccountFailureLimit_NotResetByANewCode_ResetBySuccess()
    {
        await CreateUserAsync("tina", ("+4915112340010", true));
        var flow = await StartAsync();
        await SubmitAsync(flow, ("username", "tina"), ("password", Password));
        var wrong = _sms.LastCode() == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            await SubmitAsync(flow, ("code", wrong));
        }

        _host.Time.Advance(TimeSpan.FromSeconds(31));
        await SubmitAsync(flow, ("action", "resend"));
        var blocked = await SubmitAsync(flow, ("code", wrong));
        Assert.Contains("Too many wrong codes", blocked.Message);

        // Even the right code waits out the block: a new code did not reset the account's counter.
        var stillBlocked = await SubmitAsync(flow, ("code", _sms.LastCode()));
        Assert.Contains("Too many wrong codes", stillBlocked.Message);

        _host.Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(FlowResultKind.Completed, (await SubmitAsync(flow, ("code", _sms.LastCode()))).Kind);
        await using var scope = _host.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<IdPDbContext>().OtpAccountStates.SingleAsync();
        Assert.Equal(0, account.ConsecutiveFailures);
    }

    [Fact]
    public async Task DeliveryReceipt_UpdatesTheRecord()
    {
        await CreateUserAsync("uwe", ("+4915112340011", true));
        var flow = await StartAsync();
        await SubmitAsync(flow, ("username", "uwe"), ("password", Password));

        await using var scope = _host.Services.CreateAsyncScope();
        var records = scope.ServiceProvider.GetRequiredService<SmsDeliveryRecords>();
        var id = (await records.LatestForFlowAsync(flow, default))!.Id;
        Assert.True(await records.ApplyReceiptAsync("m1", "DELIVRD", "000", default));
        Assert.True(await records.ApplyReceiptAsync("m1", "DELIVRD", "000", default)); // duplicate: idempotent
        Assert.False(await records.ApplyReceiptAsync("unknown-id", "DELIVRD", null, default));

        var record = await records.LatestForFlowAsync(flow, default);
        Assert.Equal(id, record!.Id);
        Assert.Equal(SmsStates.Delivered, record.State);
        Assert.NotNull(record.CompletedAt);
    }

    [Fact]
    public async Task EnrollmentAtSignIn_PersonWithoutPhone_AddsAVerifiedNumberAndContinues()
    {
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Enrollment, "signin", default);
        }

        await CreateUserAsync("vera", ("+4915112340012", false));
        await CreateUserAsync("walt", ("+4915112340013", true));
        var flow = await StartAsync(essential: true);

        var enroll = await SubmitAsync(flow, ("username", "vera"), ("password", Password));
        Assert.Equal(SmppScript.EnrollPage, enroll.Page!.Page);
        Assert.Empty(_sms.Sent);

        var invalid = await SubmitAsync(flow, ("action", "enroll"), ("phone_number", "12345"));
        Assert.Contains("international format", invalid.Message);
        var taken = await SubmitAsync(flow, ("action", "enroll"), ("phone_number", "+49 151 1234 0013"));
        Assert.Contains("already verified for another account", taken.Message);
        var landline = await SubmitAsync(flow, ("action", "enroll"), ("phone_number", "+493012345678"));
        Assert.Contains("landline", landline.Message);
        Assert.Empty(_sms.Sent);

        var codePage = await SubmitAsync(flow, ("action", "enroll"), ("phone_number", "+49 176 1234 0014"));
        Assert.Equal(SmppScript.CodePage, codePage.Page!.Page);
        Assert.Equal("+4917612340014", Assert.Single(_sms.Sent).Destination);
        Assert.Equal("true", codePage.Page.Data["canChange"]);

        var done = await SubmitAsync(flow, ("code", _sms.LastCode()));
        Assert.Equal(FlowResultKind.Completed, done.Kind);
        Assert.Equal(["pwd", "sms"], done.Authentication!.Amr); // possession shown, but not yet a bound second factor

        await using var check = _host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<IdPDbContext>();
        var user = await db.Users.SingleAsync(u => u.UserName == "vera");
        var phones = await db.UserPhones.Where(p => p.UserId == user.Id).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(["+4915112340012", "+4917612340014"], phones.Select(p => p.Number));
        Assert.Null(phones[0].VerifiedAt);
        Assert.NotNull(phones[1].VerifiedAt);
        Assert.Equal("+4917612340014", user.PhoneNumber);
        Assert.True(user.PhoneNumberConfirmed);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Type == AuditEventTypes.PhoneAdded && e.UserId == user.Id));
    }

    [Fact]
    public async Task EnrollmentAtSignIn_SecondNumberWithinTheCooldown_IsNotSent_AndTheFirstNumbersCodeCannotBindIt()
    {
        // Attack: "use another number" + enroll skipped the resend cooldown; and with the cooldown in place, the code
        // still live for the first number must not prove the second one.
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Enrollment, "signin", default);
        }

        await CreateUserAsync("xena");
        var flow = await StartAsync();
        await SubmitAsync(flow, ("username", "xena"), ("password", Password));
        await SubmitAsync(flow, ("action", "enroll"), ("phone_number", "+4917612340021"));
        var firstCode = _sms.LastCode();

        await SubmitAsync(flow, ("action", "change"));
        var refused = await SubmitAsync(flow, ("action", "enroll"), ("phone_number", "+4917612340022"));
        Assert.Single(_sms.Sent);
        Assert.Contains("You can ask for a new one in", refused.Page!.Data["notice"]);
        Assert.Equal("+49 •••• •••• •21", refused.Page.Data["masked"]);

        var mismatch = await SubmitAsync(flow, ("code", firstCode));
        Assert.Equal(FlowResultKind.ShowStep, mismatch.Kind);
        Assert.Contains("sent to another number", mismatch.Message);
        await using var check = _host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<IdPDbContext>();
        var user = await db.Users.SingleAsync(u => u.UserName == "xena");
        Assert.False(await db.UserPhones.AnyAsync(p => p.UserId == user.Id && p.VerifiedAt != null));
    }

    [Theory]
    [InlineData(SmppScriptSettings.SmsTemplate, "Your sign-in code is ready", "must contain {code}")]
    [InlineData(SmppScriptSettings.SmsTemplate, "{code} {name}", "unknown placeholder {name}")]
    [InlineData(SmppScriptSettings.SmsTemplate, "Ваш код {code}. Никому не сообщайте этот код. Он действителен {minutes} минут. @{host} #{code}", "must fit one SMS")]
    [InlineData(SmppScriptSettings.SourceAddrTon, "ALPHA", "must be one of")]
    [InlineData(SmppScriptSettings.Port, "70000", "between 1 and 65535")]
    [InlineData(SmppScriptSettings.PhoneAttribute, "phoneNumberVerified", "is the flag")]
    [InlineData(SmppScriptSettings.PhoneAttribute, "pager", "no phone attribute 'pager'")]
    [InlineData(SmppScriptSettings.OtpLength, "4", "between 6 and 10")]
    [InlineData(SmppScriptSettings.OtpLifetimeSeconds, "900", "between 60 and 600")]
    public void Properties_InvalidValues_AreRefusedWithAMessageAnAdminUnderstands(string key, string value, string expected)
    {
        var error = Assert.Throws<ScriptConfigurationException>(() =>
            new ScriptConfiguration(SmppScriptSettings.Definitions, new Dictionary<string, string> { [key] = value }));
        Assert.Contains(expected, error.Message);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Properties_Defaults_AreValid_AndTheDefaultTemplateFitsOneGsmSegment()
    {
        var settings = SmppScriptSettings.From(new ScriptConfiguration(SmppScriptSettings.Definitions, new Dictionary<string, string>()));
        Assert.Equal(6, settings.CodeLength);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.CodeLifetime);
        Assert.Equal(5, settings.Attempts);
        Assert.Equal(5, settings.SourceTon);
        Assert.Equal(1, settings.DestinationTon);
        Assert.Equal(settings.CodeLifetime, settings.Validity);
        Assert.Equal("mobile", settings.Attribute);

        var text = SmppScriptSettings.Render(settings.Template, "1234567890", "K7Q", settings.CodeLifetime, new string('h', 40));
        var info = IdP.Smpp.Text.SmsText.Analyze(text);
        Assert.Equal(IdP.Smpp.Text.SmsEncoding.Gsm7, info.Encoding);
        Assert.True(info.IsSingleSegment, $"{info.EncodedUnits} units");
    }

    private async Task CreateUserAsync(string name, params (string Number, bool Verified)[] phones)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdPUser>>();
        var user = new IdPUser { UserName = name, CreatedAt = _host.Time.GetUtcNow() };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
        foreach (var (number, verified) in phones)
        {
            db.UserPhones.Add(new UserPhone { UserId = user.Id, Number = number, CreatedAt = _host.Time.GetUtcNow(), VerifiedAt = verified ? _host.Time.GetUtcNow() : null });
        }

        await db.SaveChangesAsync();
    }

    private async Task<string> StartAsync(bool essential = false)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var snapshot = await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().GetSnapshotAsync(default);
        var resolution = AcrResolver.Resolve(essential ? [] : ["smpp"], essential ? ["smpp"] : null, ClientAcrPolicy.None, snapshot.DefaultAcr, snapshot.Catalog);
        var flow = await scope.ServiceProvider.GetRequiredService<SignInFlowService>().StartAsync(resolution, "client", "/connect/authorize?x=1", default);
        return flow.Id;
    }

    private async Task<FlowResult> PrepareAsync(string flowId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var flows = scope.ServiceProvider.GetRequiredService<SignInFlowService>();
        var flow = await flows.FindActiveAsync(flowId, default);
        Assert.NotNull(flow);
        return await flows.PrepareAsync(flow, new FlowRequestInfo(null, "192.0.2.10"), default);
    }

    private async Task<FlowResult> SubmitAsync(string flowId, params (string Key, string Value)[] input)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var flows = scope.ServiceProvider.GetRequiredService<SignInFlowService>();
        var flow = await flows.FindActiveAsync(flowId, default) ?? await flows.FindAsync(flowId, default);
        Assert.NotNull(flow);
        return await flows.SubmitAsync(flow, input.ToDictionary(i => i.Key, i => i.Value), new FlowRequestInfo(null, "192.0.2.10"), default);
    }
}
