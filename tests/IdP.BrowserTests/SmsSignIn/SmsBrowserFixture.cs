using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.BrowserTests.Infrastructure;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Sms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenIddict.Abstractions;

namespace IdP.BrowserTests.SmsSignIn;

/// <summary>
/// The real server (PostgreSQL, Kestrel on port 0, demo relying party) whose <c>smpp</c> script is enabled and bound,
/// through the node's SMPP session, to the independent npm <c>smpp</c> SMSC of <c>tests/peers/smsc.js</c> (with
/// delivery receipts), a server clock a test can move forward and back, and one headless Debian Chromium.
/// </summary>
public sealed partial class SmsBrowserFixture : IAsyncLifetime
{
    public const string SystemId = "idp-browser";
    public const string SmppPassword = "br-secret";

    /// <summary>Code lifetime set on the script: the expiry test moves the clock past it.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(120);

    /// <summary>The script's minimum resend cooldown.</summary>
    public static readonly TimeSpan ResendCooldown = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private TestDatabase? _database;
    private IdPServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private SmscPeer? _peer;

    public SettableClock Clock { get; } = new();

    public IdPServer Server => _server ?? throw new InvalidOperationException("The fixture did not start.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture did not start.");

    /// <summary>The SMSC now running (a new one after <see cref="RestartSmscAsync"/>).</summary>
    public SmscPeer Smsc => _peer ?? throw new InvalidOperationException("The SMSC is down.");

    /// <summary>The port the SMSC listens on; a restarted SMSC takes the same one.</summary>
    public int SmscPort { get; private set; }

    public string Origin => Server.Origin;

    public async Task InitializeAsync()
    {
        _peer = await SmscPeer.StartAsync(0, SystemId, SmppPassword, receipts: "tlv");
        SmscPort = _peer.Port;

        _database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(_database.ConnectionString);
        settings["IdP:Demo:Enabled"] = "true";
        settings["IdP:SmscSimulator:Enabled"] = "false";
        settings["IdP:Authentication:SettingsCacheDuration"] = "00:00:01";
        settings["IdP:Sms:PerAddressLimit"] = "100000";
        settings["IdP:Sms:HourlyBudget"] = "100000";
        settings["IdP:Sms:SettingsPollInterval"] = "00:00:01";
        settings["IdP:Sms:BindWait"] = "00:00:02";
        settings["IdP:Sms:ReconnectMinDelay"] = "00:00:00.200";
        settings["IdP:Sms:ReconnectMaxDelay"] = "00:00:01";
        _server = new IdPServer(settings, services => services.AddSingleton<TimeProvider>(Clock)).Start();
        await RegisterDemoOriginAsync(_server);

        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<AcrSettingsStore>();
            var ct = CancellationToken.None;
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Server, "127.0.0.1", ct);
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Port, SmscPort.ToString(CultureInfo.InvariantCulture), ct);
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.SystemId, SystemId, ct);
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Password, SmppPassword, ct);
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.ResendCooldownSeconds, ((int)ResendCooldown.TotalSeconds).ToString(CultureInfo.InvariantCulture), ct);
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.OtpLifetimeSeconds, ((int)CodeLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture), ct);
            await store.SetEnabledAsync(SmppScript.AcrValue, true, ct);
        }

        await WaitForSessionAsync(ready: true);

        // Expect's own default is 5 s: too short for a resend cooldown or a loaded 2-core machine (process-wide, only loosens).
        Assertions.SetDefaultExpectTimeout(60_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            ],
        });
    }

    /// <summary>A unique German mobile number, so tests never share per-number limits.</summary>
    public static string NewMobileNumber() => "+49151" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    /// <summary>The node's SMPP session state, as the sign-in sees it.</summary>
    public SmsGatewayStatus SessionStatus => Server.Services.GetRequiredService<ISmsSender>().Status;

    /// <summary>Waits until the node's SMPP session is bound (or, with <paramref name="ready"/> false, no longer).</summary>
    public async Task WaitForSessionAsync(bool ready)
    {
        var sender = Server.Services.GetRequiredService<ISmsSender>();
        var deadline = DateTime.UtcNow + Wait;
        while (sender.Status.IsReady != ready)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The SMPP session did not become {(ready ? "bound" : "unbound")}: {sender.Status}. {_peer?.Diagnostics()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Takes the SMSC down and waits until the node noticed.</summary>
    public async Task StopSmscAsync()
    {
        if (_peer is { } peer)
        {
            _peer = null;
            await peer.DisposeAsync();
        }

        await WaitForSessionAsync(ready: false);
    }

    /// <summary>Starts a new SMSC on the same port and waits until the node is bound to it again.</summary>
    public async Task StartSmscAsync()
    {
        _peer ??= await SmscPeer.StartAsync(SmscPort, SystemId, SmppPassword, receipts: "tlv");
        await WaitForSessionAsync(ready: true);
    }

    /// <summary>The <paramref name="nth"/> accepted SMS to <paramref name="number"/> (E.164) at the running SMSC.</summary>
    public async Task<Sms> SmsToAsync(string number, int nth = 1)
    {
        var destination = number.TrimStart('+');
        var submits = await Smsc.WaitForCountAsync(e => IsAcceptedSubmitTo(e, destination), nth, Wait);
        return Sms.From(submits[nth - 1]);
    }

    /// <summary>How many SMS the running SMSC accepted for <paramref name="number"/> so far.</summary>
    public int SmsCountTo(string number) => Smsc.Events.Count(e => IsAcceptedSubmitTo(e, number.TrimStart('+')));

    private static bool IsAcceptedSubmitTo(JsonElement e, string destination) =>
        SmscPeer.Is(e, "submit") && SmscPeer.Int(e, "status") == 0 && SmscPeer.Str(e, "destination") == destination;

    /// <summary>The demo client is seeded for the configured URLs; register this server's callback exactly (as <see cref="BrowserFixture"/>).</summary>
    private static async Task RegisterDemoOriginAsync(IdPServer server)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(BrowserFixture.DemoClientId)
            ?? throw new InvalidOperationException("The demo client was not seeded although IdP:Demo:Enabled=true.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application);
        descriptor.RedirectUris.Add(new Uri(server.Origin + "/demo/callback"));
        descriptor.PostLogoutRedirectUris.Add(new Uri(server.Origin + "/demo"));
        await applications.UpdateAsync(application, descriptor);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>One SMS as the SMSC received it: its text, the code of its <c>@host #code</c> line and its reference.</summary>
    public sealed record Sms(string Destination, string Text, string Code, string Reference, string MessageId)
    {
        public static Sms From(JsonElement submit)
        {
            var text = SmscPeer.Str(submit, "text") ?? throw new InvalidOperationException($"The SMSC could not decode the SMS: {submit}");
            var code = OriginLine().Match(text);
            var reference = ReferenceText().Match(text);
            Assert.True(code.Success, $"no '@host #code' line in: {text}");
            Assert.True(reference.Success, $"no 'ref XYZ' in: {text}");
            return new Sms(SmscPeer.Str(submit, "destination")!, text, code.Groups[1].Value, reference.Groups[1].Value, SmscPeer.Str(submit, "message_id") ?? "");
        }
    }

    [GeneratedRegex(@"#(\d{6,10})\s*$")]
    private static partial Regex OriginLine();

    [GeneratedRegex(@"\(ref ([A-Z0-9]+)\)")]
    private static partial Regex ReferenceText();
}

/// <summary>The system clock plus an offset a test can move forward and set back to zero when it is done.</summary>
public sealed class SettableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
