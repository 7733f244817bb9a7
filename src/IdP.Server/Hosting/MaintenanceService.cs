using IdP.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace IdP.Server.Hosting;

/// <summary>
/// Removes what is no longer of use, hourly: OpenIddict tokens and authorizations that are
/// expired or no longer valid and older than a day (every client-credentials token writes a row),
/// finished sign-in flows and expired one-time codes. Every node may run it; the deletes are
/// idempotent. A redeemed refresh token presented again after its row was pruned is still
/// rejected, only without revoking its family.
/// </summary>
public sealed partial class MaintenanceService(IServiceScopeFactory scopes, TimeProvider time, ILogger<MaintenanceService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // First run a little after start, so that start-up stays fast.
        var delay = TimeSpan.FromMinutes(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }

            delay = Interval;
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var threshold = time.GetUtcNow() - Retention;
        var tokens = await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, ct);
        var authorizations = await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, ct);
        var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
        var flows = await db.LoginFlows.Where(f => f.ExpiresAt < threshold).ExecuteDeleteAsync(ct);
        var codes = await db.OtpCodes.Where(c => c.ExpiresAt < threshold).ExecuteDeleteAsync(ct);

        // Node rows of nodes that stopped reporting a day ago (node names change with every restart), and
        // sessions whose cookie has long expired (8 h) or that were ended more than a day ago.
        var nodes = await db.SmppNodes.Where(n => n.UpdatedAt < threshold).ExecuteDeleteAsync(ct);
        var sessions = await db.UserSessions.Where(s => s.LastSeenAt < threshold || s.RevokedAt < threshold).ExecuteDeleteAsync(ct);
        LogPruned(logger, tokens, authorizations, flows, codes);
        if (nodes + sessions > 0)
        {
            LogPrunedSessions(logger, nodes, sessions);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Maintenance pruned {Tokens} token(s), {Authorizations} authorization(s), {Flows} sign-in flow(s), {Codes} one-time code(s).")]
    private static partial void LogPruned(ILogger logger, long tokens, long authorizations, int flows, int codes);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Maintenance removed {Nodes} silent SMPP node row(s) and {Sessions} ended session row(s).")]
    private static partial void LogPrunedSessions(ILogger logger, int nodes, int sessions);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "Maintenance failed; it will run again in an hour.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
