namespace IdP.Data;

/// <summary>The database engines IdP runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file in the data directory: the zero-setup default.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql: production.</summary>
    Postgres,
}
