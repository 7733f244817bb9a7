using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Sms;
using IdP.Server.Hosting;

namespace IdP.Server.Sms;

/// <summary>
/// Demo seeding for SMS: when the built-in SMSC simulator runs in this process, points the <c>smpp</c> script at it
/// (127.0.0.1, its port, <c>idp</c> / <c>idp-dev</c>) and enables it — once, while the script has no system_id, so
/// an admin's own settings are never overwritten. When the script still points at the simulator and the simulator's
/// port changed, the port follows. The default acr stays as it is.
/// </summary>
public sealed partial class DemoSmppSetup(AcrSettingsStore store, SmppSettingsReader reader, IServiceProvider services, ILogger<DemoSmppSetup> logger)
{
    public const string SimulatorHost = "127.0.0.1";

    public async Task ConfigureAsync(CancellationToken ct)
    {
        var smsc = services.GetService<DevelopmentSmsc>();
        if (smsc is null)
        {
            return;
        }

        // Demo mode starts the simulator here, once it is decided (already running when IdP:SmscSimulator:Enabled=true).
        await smsc.StartAsync(ct);
        if (smsc.Simulator is not { } simulator)
        {
            LogSimulatorMissing(logger);
            return;
        }

        var port = simulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var read = await reader.ReadAsync(null, fresh: true, ct);
        if (read.State == SmppSettingsState.NotConfigured)
        {
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Server, SimulatorHost, ct);
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Port, port, ct);
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.SystemId, DevelopmentSmsc.SystemId, ct);
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Password, DevelopmentSmsc.Password, ct);
            await store.SetEnabledAsync(SmppScript.AcrValue, true, ct);
            LogConfigured(logger, SimulatorHost, simulator.Port);
        }
        else if (read.Settings is { } settings && settings.SystemIdValue == DevelopmentSmsc.SystemId && settings.Host == SimulatorHost && settings.PortNumber != simulator.Port)
        {
            await store.SetPropertyAsync(SmppScript.AcrValue, SmppScriptSettings.Port, port, ct);
            LogPortFollowed(logger, simulator.Port);
        }
    }

    [LoggerMessage(EventId = 5050, Level = LogLevel.Warning, Message = "DEMO MODE: the smpp script sends through the built-in SMSC simulator at {Host}:{Port} and is enabled (the default acr is unchanged). Read the messages at /dev/sms.")]
    private static partial void LogConfigured(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Information, Message = "DEMO MODE: the smpp script follows the built-in SMSC simulator to port {Port}.")]
    private static partial void LogPortFollowed(ILogger logger, int port);

    [LoggerMessage(EventId = 5052, Level = LogLevel.Warning, Message = "DEMO MODE: the built-in SMSC simulator is not running, so the smpp script was left as it is.")]
    private static partial void LogSimulatorMissing(ILogger logger);
}
