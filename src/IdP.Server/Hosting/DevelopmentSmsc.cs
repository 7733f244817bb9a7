using System.Net.Sockets;
using IdP.Smpp.Simulator;

namespace IdP.Server.Hosting;

/// <summary>
/// The built-in SMSC simulator of demo mode (the embedded default on loopback, see <see cref="DemoMode"/>; started by
/// the demo seeding) or of an explicit <c>IdP:SmscSimulator:Enabled=true</c> (started with the host): an SMPP server on
/// 127.0.0.1 that accepts binds from <c>idp</c> / <c>idp-dev</c>, answers submits, sends delivery
/// receipts and keeps what it received, so SMS sign-in can be tried with no SMSC and no phone.
/// A busy port is a warning, never a failed start.
/// </summary>
public sealed partial class DevelopmentSmsc(IConfiguration configuration, ILoggerFactory loggers, ILogger<DevelopmentSmsc> logger) : IHostedService, IAsyncDisposable
{
    public const string SystemId = "idp";
    public const string Password = "idp-dev";

    private int _started;

    public SmscSimulator? Simulator { get; private set; }

    /// <summary>Starts the simulator once; the demo seeder calls it early to learn the port (IdP:SmscSimulator:Port may be 0).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        var port = configuration.GetValue("IdP:SmscSimulator:Port", 2775);
        var simulator = new SmscSimulator(new SmscSimulatorOptions
        {
            ListenAddress = "127.0.0.1",
            Port = port,
            Credentials = new Dictionary<string, string> { [SystemId] = Password },
            SystemId = "IDPSIM",
        }, loggers.CreateLogger<SmscSimulator>());
        try
        {
            await simulator.StartAsync(cancellationToken);
            Simulator = simulator;
            LogStarted(logger, simulator.Port, SystemId, Password);
        }
        catch (SocketException ex)
        {
            await simulator.DisposeAsync();
            LogPortBusy(logger, port, ex.Message);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Simulator is not null)
        {
            await Simulator.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "DEMO MODE: built-in SMSC simulator listening on 127.0.0.1:{Port} (system_id '{SystemId}', password '{Password}'). Not for production.")]
    private static partial void LogStarted(ILogger logger, int port, string systemId, string password);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "The built-in SMSC simulator could not listen on port {Port} ({Reason}); set IdP:SmscSimulator:Port to a free port, or IdP:SmscSimulator:Enabled=false.")]
    private static partial void LogPortBusy(ILogger logger, int port, string reason);
}
