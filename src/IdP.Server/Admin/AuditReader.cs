using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace IdP.Server.Admin;

/// <summary>Reads the audit log (<c>IdPAuditEvents</c>) for the console: filtered, newest first, paged.</summary>
public sealed class AuditReader(IdPDbContext db)
{
    /// <summary>The page of events and whether there is a next page.</summary>
    public async Task<(IReadOnlyList<AuditEvent> Events, bool HasMore, IReadOnlyDictionary<string, string> UserNames)> ReadAsync(AuditQuery query, CancellationToken ct)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Type))
        {
            var type = query.Type.Trim();
            events = events.Where(e => e.Type == type);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var text = query.User.Trim();
            var upper = text.ToUpperInvariant();
            var ids = await db.Users.Where(u => u.Id == text || u.NormalizedUserName == upper || u.NormalizedEmail == upper).Select(u => u.Id).Take(10).ToListAsync(ct);
            ids.Add(text);
            events = events.Where(e => (e.UserId != null && ids.Contains(e.UserId)) || (e.ActorId != null && ids.Contains(e.ActorId)));
        }

        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.At >= start);
        }

        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            events = events.Where(e => e.At < end);
        }

        var page = Math.Max(1, query.Page);
        var rows = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * AuditQuery.PageSize).Take(AuditQuery.PageSize + 1).ToListAsync(ct);
        var hasMore = rows.Count > AuditQuery.PageSize;
        rows = rows.Take(AuditQuery.PageSize).ToList();

        var people = rows.SelectMany(e => new[] { e.UserId, e.ActorId }).Where(id => id is not null).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, ct);
        return (rows, hasMore, names);
    }

    /// <summary>The event types present, for the filter list.</summary>
    public Task<List<string>> TypesAsync(CancellationToken ct) =>
        db.AuditEvents.AsNoTracking().Select(e => e.Type).Distinct().OrderBy(t => t).ToListAsync(ct);
}
