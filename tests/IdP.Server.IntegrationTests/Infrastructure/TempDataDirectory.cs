namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>A throw-away data directory for a server in the embedded default (SQLite file, nothing configured).</summary>
public sealed class TempDataDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("idp-data-").FullName;

    /// <summary>The embedded default: SQLite in <see cref="Path"/>, no connection string, no issuer.</summary>
    public Dictionary<string, string> EmbeddedDefaultSettings() => new(StringComparer.Ordinal)
    {
        ["IdP:Database:Provider"] = "Sqlite",
        ["IdP:DataDirectory"] = Path,
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }
}
