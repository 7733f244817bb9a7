using IdP.Authentication.Otp;
using IdP.Authentication.Sms;
using IdP.Authentication.Tests.Engine;
using IdP.Data.Entities;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.Tests.Sms;

/// <summary>
/// Notice texts (phone added/changed/removed, factor locked) cost the same as codes and could be pumped: they count
/// against the per-number, per-account and hourly limits like codes do (SMS pumping, toll fraud).
/// </summary>
public sealed class NoticeLimitTests : IAsyncLifetime
{
    private const string Number = "+4915112349001";
    private readonly RecordingSmsSender _sms = new();
    private readonly SmsOptions _limits = new() { PerNumberLimit = 2, PerAccountLimit = 3, HourlyBudget = 4 };
    private EngineHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new EngineHost(services =>
        {
            services.AddSingleton<ISmsSender>(_sms);
            services.AddSingleton(_limits);
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NoticeTexts_CountAgainstTheNumberAndAccountLimits_ACodeAfterThemIsRefused()
    {
        await NoticeAsync(Number, "user-a");
        await NoticeAsync(Number, "user-a");

        var toNumber = await CheckAsync(Number, "user-b");
        var forAccount = await CheckAsync("+4915112349002", "user-a");
        await NoticeAsync("+4915112349003", "user-a");
        var accountFull = await CheckAsync("+4915112349004", "user-a");

        Assert.Equal(SmsLimitKind.Number, toNumber.Kind);
        Assert.True(forAccount.Allowed, "two sends for the account are under its limit of three");
        Assert.Equal(SmsLimitKind.Account, accountFull.Kind);
        Assert.Equal(3, _sms.Sent.Count);
    }

    [Fact]
    public async Task NoticeTexts_CountAgainstTheHourlyBudget_WhichTripsTheBreaker()
    {
        for (var i = 0; i < _limits.HourlyBudget; i++)
        {
            await NoticeAsync($"+49151123491{i:00}", $"user-{i}");
        }

        var decision = await CheckAsync("+4915112349200", "user-z");

        Assert.Equal(SmsLimitKind.CircuitBreaker, decision.Kind);
        await using var scope = _host.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<SmsSendLimiter>().GetBreakerAsync(default)).IsOpen);
    }

    private async Task NoticeAsync(string e164, string userId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var otp = scope.ServiceProvider.GetRequiredService<OtpService>();
        var result = await scope.ServiceProvider.GetRequiredService<SmsDeliveryRecords>().SendRecordedAsync(new SmsMessage
        {
            CreatedAt = _host.Time.GetUtcNow(),
            Purpose = SmsPurposes.Notice,
            UserId = userId,
            DestinationHash = await otp.HashDestinationAsync(e164, default),
            DestinationMasked = "masked",
        }, e164, "A phone number was added to your account.", default);
        Assert.Equal(SmsSendOutcome.Accepted, result.Outcome);
    }

    private async Task<SmsLimitDecision> CheckAsync(string e164, string userId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var hash = await scope.ServiceProvider.GetRequiredService<OtpService>().HashDestinationAsync(e164, default);
        return await scope.ServiceProvider.GetRequiredService<SmsSendLimiter>().CheckAsync(hash, userId, null, default);
    }
}
