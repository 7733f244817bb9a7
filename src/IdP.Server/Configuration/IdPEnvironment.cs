using IdP.Data;

namespace IdP.Server.Configuration;

/// <summary>
/// Facts derived once from configuration at start: the resolved data directory and connection
/// string, and whether this is the embedded default (SQLite, nothing configured).
/// </summary>
public sealed record IdPEnvironment(
    string DataDirectory,
    DatabaseProvider Provider,
    string ConnectionString,
    bool IsEmbeddedDefault,
    bool DemoEnabled,
    bool MigrateOnStart,
    bool RequireHttps)
{
    public static IdPEnvironment Resolve(IdPOptions options, string contentRoot)
    {
        var dataDirectory = Path.GetFullPath(Path.IsPathRooted(options.DataDirectory)
            ? options.DataDirectory
            : Path.Combine(contentRoot, options.DataDirectory));
        var embedded = options.Database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.Database.ConnectionString);
        var connectionString = embedded
            ? $"Data Source={Path.Combine(dataDirectory, "idp.db")}"
            : options.Database.ConnectionString ?? "";
        return new IdPEnvironment(
            dataDirectory,
            options.Database.Provider,
            connectionString,
            embedded,
            options.Demo.Enabled ?? embedded,
            options.Database.MigrateOnStart ?? options.Database.Provider == DatabaseProvider.Sqlite,
            options.RequireHttps ?? !(embedded || options.Issuer?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true));
    }
}
