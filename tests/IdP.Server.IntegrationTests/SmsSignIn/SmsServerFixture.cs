using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.Server.Hosting;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Smpp.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.SmsSignIn;

/// <summary>
/// A server whose <c>smpp</c> script is enabled and bound, through the node's SMPP session, to the built-in SMSC
/// simulator on a free port; limits per client address and the hourly budget are raised because every test
/// signs in from 127.0.0.1 (the limits themselves are tested in IdP.Authentication.Tests).
/// </summary>
public class SmsServerFixture : IdPServerFixture
{
    public SmscSimulator Simulator => Server.Services.GetRequiredService<DevelopmentSmsc>().Simulator
        ?? throw new InvalidOperationException("The SMSC simulator did not start.");

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["IdP:SmscSimulator:Enabled"] = "true";
        settings["IdP:SmscSimulator:Port"] = "0";
        settings["IdP:Sms:PerAddressLimit"] = "100000";
        settings["IdP:Sms:HourlyBudget"] = "100000";
        settings["IdP:Authentication:SettingsCacheDuration"] = "00:00:01";

        // Every log line, down to Debug (SMPP PDU dumps included), goes to the capture; the console stays quiet.
        settings["Logging:LogLevel:Default"] = "Debug";
        settings["Logging:LogLevel:Microsoft"] = "Information";
        settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning";
        settings["Logging:Console:LogLevel:Default"] = "Warning";
    }

    /// <summary>Every log line the server wrote, formatted.</summary>
    public LogCapture Logs { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Server.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AcrSettingsStore>();
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Server, "127.0.0.1", CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Port, Simulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.SystemId, DevelopmentSmsc.SystemId, CancellationToken.None);
        await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Password, DevelopmentSmsc.Password, CancellationToken.None);
        await store.SetEnabledAsync(SmppScript.AcrValue, true, CancellationToken.None);

        // The node's session picks the settings up on its next poll; tests start once it is bound.
        var sender = Server.Services.GetRequiredService<ISmsSender>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!sender.Status.IsReady)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The SMPP session did not bind to the simulator: {sender.Status}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The <paramref name="nth"/> SMS the simulator received for <paramref name="number"/>, waiting up to 30 s.</summary>
    public async Task<SimulatedMessage> SmsToAsync(string number, int nth = 1)
    {
        var destination = number.TrimStart('+');
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var messages = Simulator.Messages.Where(m => m.Destination == destination).ToList();
            if (messages.Count >= nth)
            {
                return messages[nth - 1];
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No SMS number {nth} to {IdP.Authentication.Phones.PhoneNumberRules.Mask(number)} within 30 s.");
    }

    /// <summary>The code of the SMS's origin-bound line (<c>@host #code</c>).</summary>
    public static string CodeIn(SimulatedMessage sms)
    {
        var match = System.Text.RegularExpressions.Regex.Match(sms.Text, @"#(\d{6,10})$");
        Assert.True(match.Success, $"no '@host #code' line in: {sms.Text}");
        return match.Groups[1].Value;
    }

    /// <summary>A unique German mobile number, so tests never share per-number limits.</summary>
    public static string NewMobileNumber() => "+49151" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A logger provider that keeps every formatted line (with exception text) for assertions.</summary>
public sealed class LogCapture : Microsoft.Extensions.Logging.ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
