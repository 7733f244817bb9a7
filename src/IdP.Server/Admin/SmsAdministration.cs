using IdP.Authentication.Audit;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.Admin;

/// <summary>The SMS delivery page and the circuit breaker reset.</summary>
public sealed class SmsAdministration(IdPDbContext db, AuditLog audit, TimeProvider time)
{
    public async Task<SmsDashboard> GetDashboardAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var recent = await db.SmsMessages.AsNoTracking().OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(100).ToListAsync(ct);
        var hour = await CountByStateAsync(now - TimeSpan.FromHours(1), ct);
        var day = await CountByStateAsync(now - TimeSpan.FromDays(1), ct);
        var nodes = await db.SmppNodes.AsNoTracking().OrderBy(n => n.Node).ToListAsync(ct);
        var breaker = await db.ServerSettings.AsNoTracking().Where(s => s.Key == ServerSetting.SmsCircuitBreaker).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return new SmsDashboard(recent, hour, day, nodes, string.IsNullOrWhiteSpace(breaker) ? null : breaker);
    }

    /// <summary>Closes the circuit breaker (sends resume on every node); audited as <c>sms.breaker_reset</c>.</summary>
    public async Task ResetBreakerAsync(AdminActor actor, CancellationToken ct)
    {
        var row = await db.ServerSettings.FirstOrDefaultAsync(s => s.Key == ServerSetting.SmsCircuitBreaker, ct);
        var previous = row?.Value;
        if (row is null)
        {
            db.ServerSettings.Add(row = new ServerSetting { Key = ServerSetting.SmsCircuitBreaker });
        }

        row.Value = "";
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(new AuditEntry(AuditEventTypes.CircuitBreakerReset)
        {
            ActorId = actor.Id,
            ClientId = actor.ClientId,
            RemoteAddress = actor.RemoteAddress,
            Detail = $"by admin {actor.Id}: reset the SMS circuit breaker (was: {(string.IsNullOrEmpty(previous) ? "closed" : previous)})",
        }, ct);
    }

    private async Task<Dictionary<string, int>> CountByStateAsync(DateTimeOffset since, CancellationToken ct) =>
        await db.SmsMessages.AsNoTracking().Where(m => m.CreatedAt >= since)
            .GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
}
