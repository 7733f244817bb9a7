using IdP.Authentication.Otp;
using IdP.Authentication.Tests.Engine;
using IdP.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.Tests.Otp;

public sealed class OtpServiceTests
{
    private static readonly OtpPolicy Policy = new(6, TimeSpan.FromMinutes(5), 3);

    private static async Task<T> WithOtpAsync<T>(EngineHost host, Func<OtpService, Task<T>> action)
    {
        using var scope = host.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<OtpService>());
    }

    private static string Wrong(string code) => code[0] == '9' ? "0" + code[1..] : "9" + code[1..];

    [Fact]
    public async Task Issue_StoresOnlyAKeyedHashOfACsprngCode()
    {
        await using var host = new EngineHost();
        var issued = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));

        Assert.Matches("^[0-9]{6}$", issued.Code);
        Assert.Matches("^[A-Z2-9]{3}$", issued.Reference);
        Assert.DoesNotContain(issued.Code, issued.ToString(), StringComparison.Ordinal);
        using var scope = host.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<IdPDbContext>().OtpCodes.SingleAsync();
        Assert.DoesNotContain(issued.Code, row.CodeHash, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(row.CodeHash).Length);
    }

    [Fact]
    public async Task Verify_RightCode_SucceedsOnceOnly()
    {
        await using var host = new EngineHost();
        var issued = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));

        var first = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", issued.Code, default));
        var replay = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", issued.Code, default));

        Assert.Equal(OtpVerification.Success, first.Outcome);
        Assert.Equal(OtpVerification.NoCode, replay.Outcome);
    }

    [Theory]
    [InlineData("flow-2", "user-1")]
    [InlineData("flow-1", "user-2")]
    public async Task Verify_CodeOfAnotherFlowOrUser_IsRejected(string flow, string user)
    {
        await using var host = new EngineHost();
        var issued = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));
        await WithOtpAsync(host, o => o.IssueAsync("flow-2", "user-2", Policy, default));

        var result = await WithOtpAsync(host, o => o.VerifyAsync(flow, user, issued.Code, default));

        Assert.NotEqual(OtpVerification.Success, result.Outcome);
    }

    [Fact]
    public async Task Verify_AfterLifetime_Expired()
    {
        await using var host = new EngineHost();
        var issued = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));
        host.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var result = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", issued.Code, default));

        Assert.Equal(OtpVerification.Expired, result.Outcome);
    }

    [Fact]
    public async Task Verify_MaxAttemptsWrong_KillsTheCodeEvenForTheRightValue()
    {
        await using var host = new EngineHost();
        var issued = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));

        var one = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", Wrong(issued.Code), default));
        var two = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", Wrong(issued.Code), default));
        var three = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", Wrong(issued.Code), default));
        var right = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", issued.Code, default));

        Assert.Equal((OtpVerification.Wrong, 2), (one.Outcome, one.RemainingAttempts));
        Assert.Equal((OtpVerification.Wrong, 1), (two.Outcome, two.RemainingAttempts));
        Assert.Equal(OtpVerification.WrongAndDead, three.Outcome);
        Assert.Equal(OtpVerification.NoCode, right.Outcome);
    }

    [Fact]
    public async Task Issue_NewCode_RevokesTheOldOne()
    {
        await using var host = new EngineHost();
        var old = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));
        var fresh = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));

        var oldResult = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", old.Code == fresh.Code ? "x" : old.Code, default));
        var freshResult = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", fresh.Code, default));

        Assert.NotEqual(OtpVerification.Success, oldResult.Outcome);
        Assert.Equal(OtpVerification.Success, freshResult.Outcome);
    }

    [Fact]
    public async Task AccountFailures_NotResetByNewCode_GrowingWait_ResetBySuccess()
    {
        await using var host = new EngineHost();
        var failures = 0;
        OtpCheckResult last = new(OtpVerification.Wrong);
        while (failures < 6)
        {
            var issued = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));
            last = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", Wrong(issued.Code), default));
            failures++;
        }

        // Six consecutive failures over six different codes: the account waits 30 s (5 free, then 30 s).
        Assert.Equal(host.Time.Now + TimeSpan.FromSeconds(30), last.RetryAfter);
        var code = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));
        var blocked = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", code.Code, default));
        Assert.Equal(OtpVerification.AccountBlocked, blocked.Outcome);

        host.Time.Advance(TimeSpan.FromSeconds(31));
        var ok = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", code.Code, default));
        Assert.Equal(OtpVerification.Success, ok.Outcome);

        using var scope = host.Services.CreateScope();
        var state = await scope.ServiceProvider.GetRequiredService<IdPDbContext>().OtpAccountStates.SingleAsync();
        Assert.Equal(0, state.ConsecutiveFailures);
    }

    [Fact]
    public async Task AccountFailures_AtTheLimit_LockedForTheWindow_ThenUnlocked_OrSoonerByAdmin()
    {
        // NIST SP 800-63B §3.2.2: the limit stops guessing; the factor unlocks after IdP:Otp:LockoutDuration, not only by an admin.
        await using var host = new EngineHost();
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
            db.OtpAccountStates.Add(new IdP.Data.Entities.OtpAccountState { UserId = "user-1", ConsecutiveFailures = 100, LastFailureAt = host.Time.Now });
            await db.SaveChangesAsync();
        }

        var issued = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));
        var refused = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", issued.Code, default));
        Assert.Equal(OtpVerification.AccountBlocked, refused.Outcome);
        Assert.True(refused.Locked);
        Assert.Equal(host.Time.Now + TimeSpan.FromHours(1), refused.RetryAfter);

        host.Time.Advance(TimeSpan.FromMinutes(59));
        var late = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));
        Assert.Equal(OtpVerification.AccountBlocked, (await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", late.Code, default))).Outcome);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(OtpVerification.Success, (await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", late.Code, default))).Outcome);

        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
            await db.OtpAccountStates.ExecuteUpdateAsync(s => s.SetProperty(a => a.ConsecutiveFailures, 100).SetProperty(a => a.BlockedUntil, host.Time.Now + TimeSpan.FromHours(1)));
        }

        var again = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));
        await WithOtpAsync(host, async o => { await o.ResetAccountAsync("user-1", default); return 0; });
        Assert.Equal(OtpVerification.Success, (await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", again.Code, default))).Outcome);
    }

    [Fact]
    public async Task AccountFailures_TheLimitIsReachedOnce_LockedNowReportedOnce_AfterTheWindowTheCountStartsAgain()
    {
        await using var host = new EngineHost(services => services.AddSingleton(new OtpAccountOptions { FailureLimit = 3, FreeFailures = 3, LockoutDuration = TimeSpan.FromHours(1) }));
        var results = new List<OtpCheckResult>();
        for (var i = 0; i < 4; i++)
        {
            var issued = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));
            results.Add(await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", Wrong(issued.Code), default)));
        }

        Assert.Equal([false, false, true, false], results.Select(r => r.LockedNow));
        Assert.Equal(OtpVerification.AccountBlocked, results[3].Outcome);
        Assert.Equal(host.Time.Now + TimeSpan.FromHours(1), results[2].RetryAfter);

        host.Time.Advance(TimeSpan.FromHours(1));
        var code = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));
        var wrongAfterUnlock = await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", Wrong(code.Code), default));
        Assert.Equal(OtpVerification.Wrong, wrongAfterUnlock.Outcome);
        Assert.False(wrongAfterUnlock.Locked);
        using var scope = host.Services.CreateScope();
        Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<IdPDbContext>().OtpAccountStates.SingleAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task ParallelWrongCodes_OnSqlite_EachCounts_AndOnlyMaxAttemptsAreCompared()
    {
        // Attack: N parallel wrong codes used to cost one attempt (read, change in memory, write back). SQLite side of
        // the lock: BEGIN IMMEDIATE serialises the checks. (The PostgreSQL side is tested over HTTP in the server tests.)
        await using var host = new EngineHost(services => services.AddSingleton(new OtpAccountOptions { FreeFailures = 100 }));
        var issued = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", Policy, default));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", Wrong(issued.Code), default)))));

        Assert.Equal(2, results.Count(r => r.Outcome == OtpVerification.Wrong));
        Assert.Equal(1, results.Count(r => r.Outcome == OtpVerification.WrongAndDead));
        Assert.Equal(17, results.Count(r => r.Outcome == OtpVerification.NoCode));
        Assert.Equal(OtpVerification.NoCode, (await WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", issued.Code, default))).Outcome);
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
        Assert.Equal(21, (await db.OtpAccountStates.SingleAsync()).ConsecutiveFailures);
        Assert.Equal(3, (await db.OtpCodes.SingleAsync()).FailedAttempts);
    }

    [Fact]
    public async Task ParallelWrongCodes_WithTheDefaultWait_ExactlyTheFreeFailuresPlusOneCount_TheRestWait()
    {
        // The growing wait is decided under the same lock: once the sixth failure set it, no parallel guess gets through.
        await using var host = new EngineHost();
        var policy = Policy with { MaxAttempts = 10 };
        var issued = await WithOtpAsync(host, o => o.IssueAsync("flow-1", "user-1", policy, default));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => WithOtpAsync(host, o => o.VerifyAsync("flow-1", "user-1", Wrong(issued.Code), default)))));

        Assert.Equal(6, results.Count(r => r.Outcome == OtpVerification.Wrong));
        Assert.Equal(14, results.Count(r => r.Outcome == OtpVerification.AccountBlocked));
        Assert.All(results.Where(r => r.Outcome == OtpVerification.AccountBlocked), r => Assert.Equal(host.Time.Now + TimeSpan.FromSeconds(30), r.RetryAfter));
    }

    [Theory]
    [InlineData("123 456", "123456")]
    [InlineData("123-456", "123456")]
    [InlineData("１２３４５６", "123456")]
    [InlineData(" 12 34 56 ", "123456")]
    [InlineData("٣٤٥", "345")]
    public void Normalize_SpacesDashesAndNonAsciiDigits(string input, string expected) =>
        Assert.Equal(expected, OtpService.Normalize(input));

    [Theory]
    [InlineData(5, 300, 3)]
    [InlineData(11, 300, 3)]
    [InlineData(6, 601, 3)]
    [InlineData(6, 0, 3)]
    [InlineData(6, 300, 0)]
    public void Policy_OutOfBounds_Refused(int length, int seconds, int attempts) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OtpPolicy(length, TimeSpan.FromSeconds(seconds), attempts).Validated());

    [Theory]
    [InlineData(101, 5, 30, 3600, 3600, "FailureLimit")]
    [InlineData(100, 101, 30, 3600, 3600, "FreeFailures")]
    [InlineData(100, 5, 0, 3600, 3600, "InitialDelay")]
    [InlineData(100, 5, 30, 3600, 60, "LockoutDuration")]
    [InlineData(100, 5, 30, 3600, 200000, "LockoutDuration")]
    public void Options_OutOfBounds_NameTheSetting(int limit, int free, int initialSeconds, int maxSeconds, int lockoutSeconds, string expected)
    {
        var options = new OtpAccountOptions
        {
            FailureLimit = limit, FreeFailures = free, InitialDelay = TimeSpan.FromSeconds(initialSeconds),
            MaxDelay = TimeSpan.FromSeconds(maxSeconds), LockoutDuration = TimeSpan.FromSeconds(lockoutSeconds),
        };
        Assert.Contains(options.Validate(), p => p.Contains("IdP:Otp:" + expected, StringComparison.Ordinal));
        Assert.Empty(new OtpAccountOptions().Validate());
    }

    [Fact]
    public void Delay_GrowsFrom30SecondsToOneHour()
    {
        var options = new OtpAccountOptions();

        Assert.Equal(TimeSpan.Zero, options.DelayAfter(5));
        Assert.Equal(TimeSpan.FromSeconds(30), options.DelayAfter(6));
        Assert.Equal(TimeSpan.FromSeconds(60), options.DelayAfter(7));
        Assert.Equal(TimeSpan.FromHours(1), options.DelayAfter(50));
    }
}
