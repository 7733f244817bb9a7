using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Phones;
using IdP.Authentication.Sms;
using IdP.Data;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.IntegrationTests.Sms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Races;

/// <summary>
/// Two IdP nodes — two real servers on Kestrel with the same PostgreSQL connection string — each with its own SMPP
/// session to one independent npm <c>smpp</c> SMSC (<c>tests/peers/smsc.js</c>), whose submit events count the SMS
/// that were actually sent. One clock, which tests move forward, for both nodes.
/// </summary>
/// <remarks>
/// The per-account wait starts only at the limit here (<c>FreeFailures = FailureLimit = 60</c>), so that a burst of
/// 50 wrong codes is counted without the growing wait refusing part of it (that wait is tested in
/// IdP.Authentication.Tests); the lock lasts 15 minutes. Every request comes from 127.0.0.1, so the per-address
/// limit, the hourly budget and the portal's change limit are raised.
/// </remarks>
public sealed partial class TwoNodeFixture : IAsyncLifetime
{
    public const int FailureLimit = 60;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private const string SystemId = "idp-race";
    private const string Password = "r4cepw";

    private TestDatabase? _database;
    private SmscPeer? _smsc;
    private IdPServer? _a;
    private IdPServer? _b;

    public ShiftedTimeProvider Clock { get; } = new();

    public IdPServer NodeA => _a ?? throw new InvalidOperationException("The fixture did not start.");

    public IdPServer NodeB => _b ?? throw new InvalidOperationException("The fixture did not start.");

    public SmscPeer Smsc => _smsc ?? throw new InvalidOperationException("The fixture did not start.");

    /// <summary>Node A alone, or both nodes (requests alternate between them).</summary>
    public IReadOnlyList<IdPServer> Nodes(int count) => count == 1 ? [NodeA] : [NodeA, NodeB];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _smsc = await SmscPeer.StartAsync(systemId: SystemId, password: Password);

        // Node A migrates the database and configures the smpp script (stored in the database, so node B reads it too).
        _a = StartNode("race-a");
        await SmppScriptBinding.ConfigureAsync(_a, _smsc.Port, SystemId, Password);

        _b = StartNode("race-b");
        foreach (var node in new[] { _a, _b })
        {
            await SmppScriptBinding.WaitUntilReadyAsync(node, Timeout, _smsc.Diagnostics);
        }

        await _smsc.WaitForCountAsync(e => SmscPeer.Is(e, "bind") && SmscPeer.Int(e, "result") == 0, 2, Timeout);
    }

    private IdPServer StartNode(string name)
    {
        var settings = IdPServer.PostgresSettings(_database!.ConnectionString);
        foreach (var (key, value) in SmsServerFixture.FastGatewaySettings(name))
        {
            settings[key] = value;
        }

        settings["IdP:Sms:PerAddressLimit"] = "100000";
        settings["IdP:Sms:HourlyBudget"] = "100000";
        settings["IdP:Account:ChangeLimit"] = "1000";
        settings["IdP:Otp:FailureLimit"] = FailureLimit.ToString(CultureInfo.InvariantCulture);
        settings["IdP:Otp:FreeFailures"] = FailureLimit.ToString(CultureInfo.InvariantCulture);
        settings["IdP:Otp:MaxDelay"] = "00:05:00";
        settings["IdP:Otp:LockoutDuration"] = LockoutDuration.ToString();
        return new IdPServer(settings, services => services.AddSingleton<TimeProvider>(Clock)).Start();
    }

    /// <summary>A unique German mobile number, so tests never share per-number limits.</summary>
    public static string NewNumber() => SmsSignIn.SmsServerFixture.NewMobileNumber();

    public async Task AddVerifiedPhoneAsync(string userId, string e164)
    {
        await using var scope = NodeA.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserPhoneStore>().AddVerifiedAsync(userId, e164, null, CancellationToken.None);
    }

    public async Task<T> QueryAsync<T>(Func<IdPDbContext, Task<T>> query)
    {
        await using var scope = NodeA.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdPDbContext>());
    }

    /// <summary>Accepted submits the SMSC received for any of <paramref name="numbers"/>.</summary>
    public IReadOnlyList<JsonElement> SubmitsTo(params string[] numbers) => [.. Smsc.Submits.Where(e => IsTo(e, numbers))];

    /// <summary>The code in the <paramref name="nth"/> SMS (1-based) to <paramref name="number"/>, once it arrived.</summary>
    public async Task<string> CodeToAsync(string number, int nth = 1)
    {
        // Codes only: the account's lock notice goes to the same number.
        var submits = await Smsc.WaitForCountAsync(
            e => SmscPeer.Is(e, "submit") && SmscPeer.Int(e, "status") == 0 && IsTo(e, [number]) && CodeLine().IsMatch(SmscPeer.Str(e, "text") ?? ""), nth, Timeout);
        var text = SmscPeer.Str(submits[nth - 1], "text") ?? "";
        var match = CodeLine().Match(text);
        Assert.True(match.Success, $"no '@host #code' line in: {text}");
        return match.Groups[1].Value;
    }

    /// <summary>
    /// Asserts that exactly <paramref name="expected"/> SMS went to <paramref name="numbers"/> for the user: the nodes'
    /// records (final once every request has answered: a send completes before its response) and the SMSC's submits.
    /// </summary>
    public async Task AssertSentAsync(string userId, int expected, params string[] numbers)
    {
        var recorded = await QueryAsync(db => db.SmsMessages.CountAsync(m => m.UserId == userId && m.SubmittedAt != null));
        Assert.True(expected == recorded, $"expected {expected} SMS, the nodes recorded {recorded}");
        if (expected > 0)
        {
            await Smsc.WaitForCountAsync(e => SmscPeer.Is(e, "submit") && SmscPeer.Int(e, "status") == 0 && IsTo(e, numbers), expected, Timeout);
        }

        Assert.True(SubmitsTo(numbers).Count == expected, $"expected {expected} SMS at the SMSC, got {SubmitsTo(numbers).Count}. {Smsc.Diagnostics()}");
    }

    private static bool IsTo(JsonElement e, string[] numbers) => numbers.Any(n => SmscPeer.Str(e, "destination") == n.TrimStart('+'));

    public async Task DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_smsc is not null)
        {
            await _smsc.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [GeneratedRegex(@"#(\d{6,10})\s*$")]
    private static partial Regex CodeLine();
}

/// <summary>The race test classes share the two nodes; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class TwoNodeCollection : ICollectionFixture<TwoNodeFixture>
{
    public const string Name = "servers: two nodes, one database";
}
