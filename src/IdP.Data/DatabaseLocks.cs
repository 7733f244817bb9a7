using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IdP.Data;

/// <summary>
/// Short critical sections that hold across every node sharing the database: a read-decide-write (count the
/// sends, then insert the reservation; read a failure counter, then raise it) runs inside one transaction that
/// first takes an exclusive lock, so two nodes or two requests never both decide from the same old state.
/// </summary>
public static class DatabaseLocks
{
    /// <summary>
    /// Begins a transaction holding the lock named <paramref name="name"/> until it commits or rolls back.
    /// PostgreSQL: <c>pg_advisory_xact_lock</c> on a 64-bit key derived from the name (READ COMMITTED: every
    /// statement after the lock sees what the previous holder committed). SQLite: the transaction is
    /// <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's non-deferred default), which takes the database's single
    /// write lock at once, so all such sections (whatever their name) run one after the other.
    /// Keep the section short: no network calls inside.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginLockedAsync(this IdPDbContext db, string name, CancellationToken ct)
    {
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (db is PostgresIdPDbContext)
            {
                var key = LockKey(name);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", ct);
            }

            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>The advisory-lock key of <paramref name="name"/>: the first 8 bytes of its SHA-256 (stable across nodes and versions).</summary>
    public static long LockKey(string name) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("idp-lock\n" + name)));
}
