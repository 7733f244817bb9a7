using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Data;

/// <summary>Registers the provider-specific <see cref="IdPDbContext"/>.</summary>
public static class IdPDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the context for <paramref name="provider"/> and makes <see cref="IdPDbContext"/>
    /// resolve to it, so that Identity, OpenIddict and Data Protection share one context.
    /// </summary>
    public static IServiceCollection AddIdPDbContext(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<SqliteIdPDbContext>(o => ConfigureSqlite(o, connectionString));
                services.AddScoped<IdPDbContext>(sp => sp.GetRequiredService<SqliteIdPDbContext>());
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<PostgresIdPDbContext>(o => ConfigurePostgres(o, connectionString));
                services.AddScoped<IdPDbContext>(sp => sp.GetRequiredService<PostgresIdPDbContext>());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider.");
        }

        return services;
    }

    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString)
    {
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(IdPDbContext).Assembly.FullName));
        options.UseOpenIddict();
    }

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString)
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(IdPDbContext).Assembly.FullName));
        options.UseOpenIddict();
    }
}
