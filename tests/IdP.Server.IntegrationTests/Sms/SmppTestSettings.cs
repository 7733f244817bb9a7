using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>Changes the <c>smpp</c> script as an admin would (the same store the CLI uses), and waits for conditions.</summary>
public static class SmppTestSettings
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Points the script at 127.0.0.1:<paramref name="port"/>. It is disabled while the properties change, so the node
    /// never binds with half of them, then enabled when <paramref name="enable"/>.
    /// </summary>
    public static async Task ConfigureAsync(IdPServer server, int port, string systemId, string password, bool enable)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AcrSettingsStore>();
        await store.SetEnabledAsync(SmppScript.AcrValue, false, CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Server, "127.0.0.1", CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Port, port.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.SystemId, systemId, CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Password, password, CancellationToken.None);
        if (enable)
        {
            await store.SetEnabledAsync(SmppScript.AcrValue, true, CancellationToken.None);
        }
    }

    public static async Task SetEnabledAsync(IdPServer server, bool enabled)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AcrSettingsStore>().SetEnabledAsync(SmppScript.AcrValue, enabled, CancellationToken.None);
    }

    /// <summary>Polls <paramref name="condition"/> every 50 ms until it holds; fails with <paramref name="describe"/> after <see cref="Patience"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null) =>
        await WaitUntilAsync(() => Task.FromResult(condition()), describe, timeout);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> describe, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Patience);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not reached within {(timeout ?? Patience).TotalSeconds} s: {describe()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the node's session is bound (ready to send).</summary>
    public static Task WaitUntilReadyAsync(IdPServer server, string? detailContains = null)
    {
        var sender = server.Services.GetRequiredService<ISmsSender>();
        return WaitUntilAsync(
            () => sender.Status.IsReady && (detailContains is null || sender.Status.Detail?.Contains(detailContains, StringComparison.Ordinal) == true),
            () => $"the SMPP session is bound{(detailContains is null ? "" : $" with '{detailContains}'")}; status: {sender.Status}");
    }

    /// <summary>A new delivery record, as the sign-in step writes it before sending.</summary>
    public static async Task<SmsMessage> NewRecordAsync(IdPServer server, string destination)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
        var record = new SmsMessage
        {
            CreatedAt = DateTimeOffset.UtcNow,
            Purpose = SmsPurposes.SignIn,
            FlowId = "flow-" + Guid.NewGuid().ToString("N")[..12],
            DestinationHash = "hash-" + Guid.NewGuid().ToString("N")[..12],
            DestinationMasked = Authentication.Phones.PhoneNumberRules.Mask(destination),
            State = SmsStates.Queued,
        };
        db.SmsMessages.Add(record);
        await db.SaveChangesAsync();
        return record;
    }

    public static async Task<SmsMessage> ReadRecordAsync(IdPServer server, long id)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdPDbContext>().SmsMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }
}
