using IdP.Data;
using IdP.Data.Entities;
using IdP.Server.IntegrationTests.Infrastructure;
using IdP.Server.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IdP.Server.IntegrationTests.Mail;

/// <summary>
/// The "SMS sign-in locked" notice is claimed with one conditional update, so a locked account that is tried again
/// and again (or from several nodes at once) does not flood the person: once per lock, again for a new lock. Run on
/// both providers (the PostgreSQL path through HTTP is in <see cref="NoticeTests"/>).
/// </summary>
public sealed class LockNoticeClaimTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("idp-lock-").FullName;

    [Fact]
    public async Task Sqlite_LockNotice_OncePerLock_EvenUnderParallelRefusals_AgainForANewLock()
    {
        await using var server = new IdPServer(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["IdP:Database:Provider"] = "Sqlite",
            ["IdP:DataDirectory"] = _dataDirectory,
            ["IdP:Demo:Enabled"] = "false",
            ["IdP:SmscSimulator:Enabled"] = "false",
            ["IdP:Otp:FailureLimit"] = "2",
            ["IdP:Otp:FreeFailures"] = "2",
        }).Start();
        await RunAsync(server);
    }

    [Fact]
    public async Task Postgres_LockNotice_OncePerLock_EvenUnderParallelRefusals_AgainForANewLock()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = IdPServer.PostgresSettings(database.ConnectionString);
        settings["IdP:Otp:FailureLimit"] = "2";
        settings["IdP:Otp:FreeFailures"] = "2";
        await using var server = new IdPServer(settings).Start();
        await RunAsync(server);
    }

    private static async Task RunAsync(IdPServer server)
    {
        var user = await server.CreateUserAsync(phone: "+4915112340077");
        var lockedAt = DateTimeOffset.UtcNow.AddSeconds(-5);
        await WithDbAsync(server, async db =>
        {
            db.OtpAccountStates.Add(new OtpAccountState { UserId = user.Id, ConsecutiveFailures = 2, LastFailureAt = lockedAt });
            await db.SaveChangesAsync();
        });

        // Ten refused codes at once against the same lock.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RefuseAsync(server, user.Id)));
        var first = await NoticesAsync(server, user.Id);

        // The lock ends (an admin reset, or a success) and a new one is reached later.
        await WithDbAsync(server, db => db.OtpAccountStates.Where(s => s.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastFailureAt, DateTimeOffset.UtcNow)));
        await RefuseAsync(server, user.Id);
        await RefuseAsync(server, user.Id);
        var second = await NoticesAsync(server, user.Id);

        // One e-mail and one text per lock (this server has neither channel: both recorded as not sent).
        Assert.Equal(2, first.Count);
        Assert.All(first, e => Assert.Equal(AuditEventTypes.NoticeNotSent, e.Type));
        Assert.Contains(first, e => e.Detail!.StartsWith("e-mail 'SMS sign-in locked' not sent", StringComparison.Ordinal));
        Assert.Contains(first, e => e.Detail!.StartsWith("text 'SMS sign-in locked' to +49 ", StringComparison.Ordinal));
        Assert.Equal(4, second.Count);
    }

    private static async Task RefuseAsync(IdPServer server, string userId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountNotifier>().FactorLockedAsync(userId, "203.0.113.9");
    }

    private static async Task<List<AuditEvent>> NoticesAsync(IdPServer server, string userId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdPDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.UserId == userId && e.Type.StartsWith("notice.")).OrderBy(e => e.Id).ToListAsync();
    }

    private static async Task WithDbAsync(IdPServer server, Func<IdPDbContext, Task> action)
    {
        await using var scope = server.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<IdPDbContext>());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS.
        }
    }
}
