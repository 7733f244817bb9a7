using IdP.Authentication.Sms;
using IdP.Authentication.Tests.Engine;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.Tests.Sms;

/// <summary>
/// Send reservations on SQLite (the embedded default): the claim and the limits are checked and the record inserted
/// in one <c>BEGIN IMMEDIATE</c> transaction, so parallel requests cannot all pass a check before any of them
/// inserts. (PostgreSQL's advisory lock is tested over HTTP, with two server nodes, in the server tests.)
/// </summary>
public sealed class SmsReservationTests : IAsyncLifetime
{
    private readonly SmsOptions _limits = new() { PerNumberLimit = 3, PerAccountLimit = 1000, PerAddressLimit = 1000, HourlyBudget = 1000 };
    private EngineHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new EngineHost(services => services.AddSingleton(_limits));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task BurstPastThePerNumberLimit_AcrossFlows_ReservesExactlyTheLimit()
    {
        // Attack: parallel sign-ins to one number each passed the count before any inserted its record.
        var results = await BurstAsync(20, i => Record($"flow-{i}", "user-1", "number-a"), _ => null);

        Assert.Equal(3, results.Count(r => r.Allowed));
        Assert.All(results.Where(r => !r.Allowed), r => Assert.Equal(SmsLimitKind.Number, r.Kind));
        Assert.Equal(3, await CountAsync(m => m.DestinationHash == "number-a"));
    }

    [Fact]
    public async Task BurstOfFirstSends_OneFlow_ReservesOne_AndAReloadNeverAnother()
    {
        // Attack: parallel first loads of the code page (or replays of the password form) each sent an SMS.
        var results = await BurstAsync(20, _ => Record("flow-1", "user-1", "number-b"), _ => SmsSendClaim.Once);

        Assert.Single(results, r => r.Allowed);
        Assert.All(results.Where(r => !r.Allowed), r => Assert.Equal(SmsLimitKind.Duplicate, r.Kind));
        _host.Time.Advance(TimeSpan.FromHours(2));
        var reload = await ReserveAsync(Record("flow-1", "user-1", "number-b"), SmsSendClaim.Once);
        Assert.Equal(SmsLimitKind.Duplicate, reload.Kind);
        Assert.Null(reload.RetryAt);
    }

    [Fact]
    public async Task BurstOfNewCodeRequests_OneFlow_ReservesOnePerCooldown()
    {
        // Attack: parallel resends, "use another number" + choose, or enrollments each sent an SMS.
        var cooldown = TimeSpan.FromSeconds(30);
        var first = await BurstAsync(20, _ => Record("flow-2", "user-1", "number-c"), _ => SmsSendClaim.After(cooldown));
        var sentAt = _host.Time.GetUtcNow();
        _host.Time.Advance(TimeSpan.FromSeconds(29));
        var early = await ReserveAsync(Record("flow-2", "user-1", "number-d"), SmsSendClaim.After(cooldown));
        _host.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await BurstAsync(20, _ => Record("flow-2", "user-1", "number-d"), _ => SmsSendClaim.After(cooldown));

        Assert.Single(first, r => r.Allowed);
        Assert.Equal((SmsLimitKind.Duplicate, sentAt + cooldown), (early.Kind, early.RetryAt));
        Assert.Single(second, r => r.Allowed);
    }

    [Fact]
    public async Task PortalEnrollments_OneAccount_OneCodePerCooldown_WhicheverEnrollmentAsks()
    {
        // Attack: replaying an older enrollment cookie (or starting new enrollments) skipped the resend cooldown.
        var cooldown = TimeSpan.FromSeconds(30);
        var results = await BurstAsync(20, i => Record($"enroll-{i}", "user-2", $"number-{i}", SmsPurposes.Enrollment), _ => SmsSendClaim.PerUserAfter(cooldown));
        var otherAccount = await ReserveAsync(Record("enroll-x", "user-3", "number-x", SmsPurposes.Enrollment), SmsSendClaim.PerUserAfter(cooldown));

        Assert.Single(results, r => r.Allowed);
        Assert.True(otherAccount.Allowed);
    }

    [Fact]
    public async Task FailedUnsentSend_DoesNotHoldTheClaim()
    {
        // A send that never left (SMSC down) neither counts nor blocks the retry.
        Assert.True((await ReserveAsync(Record("flow-3", "user-1", "number-e"), SmsSendClaim.Once)).Allowed);
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IdPDbContext>().SmsMessages.Where(m => m.FlowId == "flow-3")
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, SmsStates.Failed));
        }

        Assert.True((await ReserveAsync(Record("flow-3", "user-1", "number-e"), SmsSendClaim.Once)).Allowed);
    }

    private static SmsMessage Record(string flowId, string userId, string destinationHash, string purpose = SmsPurposes.SignIn) => new()
    {
        FlowId = flowId,
        UserId = userId,
        Purpose = purpose,
        DestinationHash = destinationHash,
        DestinationMasked = "+49 •••",
        RemoteAddress = "192.0.2.1",
    };

    private async Task<SmsLimitDecision> ReserveAsync(SmsMessage record, SmsSendClaim? claim)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SmsSendLimiter>().ReserveAsync(record, claim, default);
    }

    private async Task<SmsLimitDecision[]> BurstAsync(int count, Func<int, SmsMessage> record, Func<int, SmsSendClaim?> claim)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await ReserveAsync(record(i), claim(i));
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<SmsMessage, bool>> predicate)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdPDbContext>().SmsMessages.CountAsync(predicate);
    }
}
