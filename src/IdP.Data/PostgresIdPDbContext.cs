using Microsoft.EntityFrameworkCore;

namespace IdP.Data;

/// <summary>The PostgreSQL flavour of <see cref="IdPDbContext"/> (production); migrations in Migrations/Postgres.</summary>
public sealed class PostgresIdPDbContext(DbContextOptions<PostgresIdPDbContext> options) : IdPDbContext(options);
