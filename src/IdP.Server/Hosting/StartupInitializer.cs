using IdP.Data;
using IdP.Server.Configuration;
using IdP.Server.Keys;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdP.Server.Hosting;

/// <summary>
/// Runs before the server accepts requests: applies migrations (when configured), loads or
/// creates the signing keys; once the server listens, decides demo mode from its addresses and seeds the demo user
/// and client when it is on (<see cref="DemoMode"/>).
/// </summary>
public sealed partial class StartupInitializer(
    IServiceProvider services,
    IdPEnvironment environment,
    DemoMode demo,
    IOptions<KeyManagementOptions> keyManagement,
    ILogger<StartupInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // Production refuses to start without the certificate (KeyRingProtection); elsewhere say what it costs.
        if (!environment.IsEmbeddedDefault && keyManagement.Value.XmlEncryptor is null)
        {
            LogKeyRingUnencrypted(logger);
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
        if (environment.MigrateOnStart)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            throw new InvalidOperationException(
                "The database schema is not up to date and IdP:Database:MigrateOnStart is off. " +
                "Run 'IdP.Server migrate' (or set IdP__Database__MigrateOnStart=true) and start again.");
        }

        await scope.ServiceProvider.GetRequiredService<ServerKeyStore>().EnsureAndLoadAsync(cancellationToken);
        LogReady(logger, environment.Provider, environment.IsEmbeddedDefault ? environment.DataDirectory : "(external database)");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after Kestrel bound its addresses (the web host starts after the app's hosted services).</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (demo.Decide(addresses))
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "The Data Protection key ring is stored UNENCRYPTED in the database: anyone with a copy of it can decrypt the signing keys and forge sessions. Set IdP:DataProtection:Certificate:Path (+Password) or :Thumbprint; Production refuses to start without it.")]
    private static partial void LogKeyRingUnencrypted(ILogger logger);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "IdP database ready ({Provider}, data in {DataDirectory}).")]
    private static partial void LogReady(ILogger logger, DatabaseProvider provider, string dataDirectory);
}
