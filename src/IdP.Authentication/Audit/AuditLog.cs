using IdP.Data;
using IdP.Data.Entities;
using Microsoft.Extensions.Logging;

namespace IdP.Authentication.Audit;

/// <summary>
/// Writes security events (<see cref="AuditEventTypes"/>) to the database, where the admin console reads them,
/// and to the log. Callers pass masked values only: never a code, a password or a full phone number.
/// </summary>
public sealed partial class AuditLog(IdPDbContext db, TimeProvider time, ILogger<AuditLog> logger)
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken ct)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow(),
            Type = entry.Type,
            UserId = entry.UserId,
            ActorId = entry.ActorId,
            ClientId = Truncate(entry.ClientId, 256),
            RemoteAddress = Truncate(entry.RemoteAddress, 64),
            Acr = Truncate(entry.Acr, 256),
            Detail = Truncate(entry.Detail, 1024),
        });
        await db.SaveChangesAsync(ct);
        LogEvent(logger, entry.Type, entry.UserId ?? "-", entry.ClientId ?? "-", entry.RemoteAddress ?? "-", entry.Detail ?? "");
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Audit {Type}: user {UserId}, client {ClientId}, address {RemoteAddress}. {Detail}")]
    private static partial void LogEvent(ILogger logger, string type, string userId, string clientId, string remoteAddress, string detail);
}

/// <summary>One audit event to write.</summary>
public sealed record AuditEntry(string Type)
{
    public string? UserId { get; init; }

    public string? ActorId { get; init; }

    public string? ClientId { get; init; }

    public string? RemoteAddress { get; init; }

    public string? Acr { get; init; }

    public string? Detail { get; init; }
}
