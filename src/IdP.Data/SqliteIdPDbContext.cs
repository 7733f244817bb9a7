using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace IdP.Data;

/// <summary>The SQLite flavour of <see cref="IdPDbContext"/> (zero-setup default); migrations in Migrations/Sqlite.</summary>
public sealed class SqliteIdPDbContext(DbContextOptions<SqliteIdPDbContext> options) : IdPDbContext(options)
{
    /// <summary>
    /// SQLite has no date type, and EF cannot compare DateTimeOffset stored as text: store them as
    /// sortable integers so that expiry queries translate to SQL.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
