using IdP.Data;

namespace IdP.Server.Configuration;

/// <summary>
/// Facts derived once from configuration at start: the resolved data directory and connection
/// string, and whether this is the embedded default (SQLite, nothing configured).
/// </summary>
/// <param name="DemoRequested">The explicit <c>IdP:Demo:Enabled</c>, or null when unset (then <see cref="Hosting.DemoMode"/>
/// decides from the embedded default and the listening addresses).</param>
public sealed record IdPEnvironment(
    string DataDirectory,
    DatabaseProvider Provider,
    string ConnectionString,
    bool IsEmbeddedDefault,
    bool? DemoRequested,
    bool MigrateOnStart,
    bool RequireHttps)
{
    /// <summary>The embedded default: SQLite with no connection string, i.e. no database configured.</summary>
    public static bool IsEmbedded(IdPOptions options) =>
        options.Database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.Database.ConnectionString);

    public static IdPEnvironment Resolve(IdPOptions options, string contentRoot)
    {
        var dataDirectory = Path.GetFullPath(Path.IsPathRooted(options.DataDirectory)
            ? options.DataDirectory
            : Path.Combine(contentRoot, options.DataDirectory));
        var embedded = IsEmbedded(options);
        var connectionString = embedded
            ? $"Data Source={Path.Combine(dataDirectory, "idp.db")}"
            : options.Database.ConnectionString ?? "";
        return new IdPEnvironment(
            dataDirectory,
            options.Database.Provider,
            connectionString,
            embedded,
            options.Demo.Enabled,
            options.Database.MigrateOnStart ?? options.Database.Provider == DatabaseProvider.Sqlite,
            options.RequireHttps ?? !(embedded || options.Issuer?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true));
    }

    /// <summary>
    /// The name of one of the IdP's cookies: <c>__Host-</c> prefixed whenever https is required, so a browser keeps it
    /// only as Secure, Path=/ and without Domain (RFC 6265bis §4.1.3.2) and no sibling host or http page can plant or
    /// shadow it. Over plain http (the embedded default on loopback) the bare name stays: browsers refuse
    /// <c>__Host-</c> cookies without Secure.
    /// </summary>
    public string CookieName(string name) => RequireHttps ? "__Host-" + name : name;
}
