using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using IdP.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Authentication.Tests.Engine;

/// <summary>
/// The engine's real services over a real SQLite database file in a temporary folder, with
/// stub scripts and a hand-moved clock.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("idp-engine-").FullName;

    public EngineHost(params IAuthenticationScript[] scripts)
        : this(null, scripts)
    {
    }

    /// <param name="configure">Extra registrations (e.g. an SMS channel, options) applied after the engine's.</param>
    public EngineHost(Action<IServiceCollection>? configure, params IAuthenticationScript[] scripts)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMemoryCache();
        services.AddDataProtection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddIdPDbContext(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_directory, "engine.db")}");
        services.AddIdentityCore<IdP.Data.Entities.IdPUser>().AddEntityFrameworkStores<IdPDbContext>();
        services.AddAuthenticationEngine(new AuthenticationEngineOptions { PluginsDirectory = null, SettingsCacheDuration = TimeSpan.Zero });
        foreach (var script in scripts)
        {
            services.AddSingleton(script);
        }

        configure?.Invoke(services);

        Services = services.BuildServiceProvider();
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IdPDbContext>().Database.Migrate();
    }

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public ServiceProvider Services { get; }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
