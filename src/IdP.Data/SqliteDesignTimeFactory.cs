using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IdP.Data;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteIdPDbContext</c> build the model without the server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIdPDbContext>
{
    public SqliteIdPDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteIdPDbContext>();
        IdPDataServiceCollectionExtensions.ConfigureSqlite(builder, "Data Source=design-time.db");
        return new SqliteIdPDbContext(builder.Options);
    }
}
