using System.Globalization;
using IdP.Data.Entities;
using IdP.Server.Admin;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Portal;
using IdP.Server.IntegrationTests.Sms;
using IdP.Server.IntegrationTests.SmsSignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Mail;

/// <summary>
/// The portal server with both notice channels real: e-mail through the npm <c>smtp-server</c> peer over STARTTLS
/// (its self-signed certificate pinned by <c>IdP:Mail:ServerCertificateSha256</c>), texts through the node's SMPP
/// session to the npm <c>smpp</c> SMSC peer. The portal's recording channel stays in front of the session only so
/// that the portal client can read the sign-in codes; every notice is read from the peers. Three wrong codes in a
/// row lock the SMS factor here.
/// </summary>
public sealed class NoticeServerFixture : PortalServerFixture
{
    public const int FailureLimit = 3;

    private const string SystemId = "notices";
    private const string Password = "ntc-pw";

    public SmtpPeer Smtp { get; private set; } = null!;

    public SmscPeer Smsc { get; private set; } = null!;

    public LogCapture Logs { get; } = new();

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpPeer.StartAsync("starttls");
        Smsc = await SmscPeer.StartAsync(systemId: SystemId, password: Password);
        await base.InitializeAsync();
        Sms.Forward = Server.Services.GetRequiredService<IdP.Server.Sms.SmppGateway>();
        await SmppTestSettings.ConfigureAsync(Server, Smsc.Port, SystemId, Password, enable: true);
        await SmppTestSettings.WaitUntilReadyAsync(Server, $"127.0.0.1:{Smsc.Port}");
        await using var scope = Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdP.Authentication.Engine.AcrSettingsStore>().SetAdminAcrAsync("pwd", CancellationToken.None);
    }

    protected override void Configure(Dictionary<string, string> settings)
    {
        base.Configure(settings);
        Smtp.Configure(settings);
        settings["IdP:Otp:FailureLimit"] = FailureLimit.ToString(CultureInfo.InvariantCulture);
        settings["IdP:Otp:FreeFailures"] = Math.Min(5, FailureLimit).ToString(CultureInfo.InvariantCulture);
        settings["IdP:Sms:OriginHost"] = "idp.example.test";
        settings["Logging:LogLevel:Default"] = "Debug";
        settings["Logging:LogLevel:Microsoft"] = "Information";
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning";
        settings["Logging:Console:LogLevel:Default"] = "Warning";
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smsc.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    /// <summary>A person in the <c>admin</c> role, created the way <c>users add --role admin</c> does.</summary>
    public async Task<TestUser> CreateAdminAsync(string? phone = null)
    {
        var username = "admin-" + Guid.NewGuid().ToString("N")[..10];
        var password = "admin-passphrase-" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = Server.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserRegistrar>().CreateAsync(new UserSpec
        {
            Username = username, Password = password, Email = username + "@example.com", Phone = phone, Roles = [AdminConsole.Role],
        }, CancellationToken.None);
        return new TestUser(user.Id, username, password, user.Email, phone);
    }

    /// <summary>
    /// A relying party's sign-in that asks for <c>acr_values=smpp</c>, up to the password: returns the script's second
    /// step (the code page, or the enrollment page for a person without a phone).
    /// </summary>
    public async Task<Landing> SmppSignInAsync(PortalClient client, TestUser user)
    {
        var rp = await Server.CreateClientAsync();
        var login = await client.Browser.AuthorizeAsync(AuthorizeRequest.For(rp) with { Extra = new Dictionary<string, string> { ["acr_values"] = "smpp" } });
        Assert.True(login.IsLoginPage, $"expected the login page: {login}");
        return await client.Browser.SubmitLoginAsync(login, user.Username, user.Password);
    }

    /// <summary>Posts a form of a sign-in step page (with its return URL).</summary>
    public static Task<Landing> StepAsync(PortalClient client, Landing page, Dictionary<string, string> form)
    {
        form["ReturnUrl"] = page.InputValue("ReturnUrl") ?? "";
        return client.PostAsync(page, page.Url.PathAndQuery, form);
    }

    /// <summary>The peer's submit count so far: texts after it are new.</summary>
    public int SmsMark() => Smsc.Submits.Count;

    /// <summary>The texts the SMSC accepted for <paramref name="e164"/> after <paramref name="mark"/>.</summary>
    public IReadOnlyList<string> TextsTo(string e164, int mark = 0) =>
        [.. Smsc.Submits.Skip(mark).Where(e => SmscPeer.Str(e, "destination") == e164.TrimStart('+')).Select(e => SmscPeer.Str(e, "text") ?? "")];

    /// <summary>Waits until the SMSC accepted a text for <paramref name="e164"/> containing <paramref name="words"/>.</summary>
    public async Task<string> WaitForTextAsync(string e164, string words)
    {
        var submit = await Smsc.WaitForAsync(
            e => SmscPeer.Is(e, "submit") && SmscPeer.Int(e, "status") == 0 && SmscPeer.Str(e, "destination") == e164.TrimStart('+')
                && (SmscPeer.Str(e, "text") ?? "").Contains(words, StringComparison.Ordinal),
            SmtpPeer.Patience);
        return SmscPeer.Str(submit, "text")!;
    }

    /// <summary>The notice events (<c>notice.*</c>) of the account, oldest first.</summary>
    public Task<List<AuditEvent>> NoticeAuditAsync(string userId) =>
        QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.UserId == userId && e.Type.StartsWith("notice.")).OrderBy(e => e.Id).ToListAsync());
}

/// <summary>The notice tests share one server with the two peers; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class NoticeServerCollection : ICollectionFixture<NoticeServerFixture>
{
    public const string Name = "server: notices";
}
