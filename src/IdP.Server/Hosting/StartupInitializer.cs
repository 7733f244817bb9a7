using IdP.Data;
using IdP.Server.Configuration;
using IdP.Server.Keys;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.Hosting;

/// <summary>
/// Runs before the server accepts requests: applies migrations (when configured), loads or
/// creates the signing keys, and seeds the demo user and client in the embedded default.
/// </summary>
public sealed partial class StartupInitializer(IServiceProvider services, IdPEnvironment environment, ILogger<StartupInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
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

        if (environment.DemoEnabled)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        }

        LogReady(logger, environment.Provider, environment.IsEmbeddedDefault ? environment.DataDirectory : "(external database)");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "IdP database ready ({Provider}, data in {DataDirectory}).")]
    private static partial void LogReady(ILogger logger, DatabaseProvider provider, string dataDirectory);
}
