using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IdP.Data;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresIdPDbContext</c> build the model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresIdPDbContext>
{
    public PostgresIdPDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresIdPDbContext>();
        IdPDataServiceCollectionExtensions.ConfigurePostgres(builder, "Host=localhost;Database=idp_design;Username=idp;Password=idp");
        return new PostgresIdPDbContext(builder.Options);
    }
}
