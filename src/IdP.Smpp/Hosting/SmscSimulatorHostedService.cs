using IdP.Smpp.Simulator;
using Microsoft.Extensions.Hosting;

namespace IdP.Smpp.Hosting;

/// <summary>Runs the singleton <see cref="SmscSimulator"/> with the host (Development).</summary>
public sealed class SmscSimulatorHostedService : IHostedService
{
    private readonly SmscSimulator _simulator;

    /// <summary>Creates the service.</summary>
    public SmscSimulatorHostedService(SmscSimulator simulator) => _simulator = simulator;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => _simulator.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _simulator.StopAsync().WaitAsync(cancellationToken);
}
