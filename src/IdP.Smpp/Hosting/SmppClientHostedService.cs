using Microsoft.Extensions.Hosting;

namespace IdP.Smpp.Hosting;

/// <summary>Starts the singleton <see cref="SmppClient"/> with the host and unbinds it gracefully on shutdown.</summary>
public sealed class SmppClientHostedService : IHostedService
{
    private readonly SmppClient _client;

    /// <summary>Creates the service.</summary>
    public SmppClientHostedService(SmppClient client) => _client = client;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => _client.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => _client.StopAsync(cancellationToken);
}
