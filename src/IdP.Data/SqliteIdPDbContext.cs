using Microsoft.EntityFrameworkCore;

namespace IdP.Data;

/// <summary>The SQLite flavour of <see cref="IdPDbContext"/> (zero-setup default); migrations in Migrations/Sqlite.</summary>
public sealed class SqliteIdPDbContext(DbContextOptions<SqliteIdPDbContext> options) : IdPDbContext(options);
