using System.Security.Cryptography;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace IdP.Server.Session;

/// <summary>
/// The server-side record of IdP browser sessions (<see cref="UserSession"/>): the session cookie carries
/// the row's id, and a session whose row is revoked or gone is refused on its next request. Used by the
/// sign-in, the sign-out, the admin console (force sign-out) and the self-service portal (list, end).
/// </summary>
public sealed class UserSessionStore(IdPDbContext db, TimeProvider time)
{
    /// <summary>How often a request may write <see cref="UserSession.LastSeenAt"/> (at most once per this interval).</summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>Records a new session and returns it (its id goes into the cookie).</summary>
    public async Task<UserSession> CreateAsync(string userId, string acr, IEnumerable<string> amr, string? remoteAddress, string? userAgent, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var session = new UserSession
        {
            // 128 random bits: the id is a bearer reference inside a protected cookie, never guessable.
            Id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            Acr = Truncate(acr, 256),
            Amr = Truncate(string.Join(' ', amr), 256),
            RemoteAddress = Truncate(remoteAddress, 64),
            UserAgent = Truncate(userAgent, 512),
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>One session by id, untracked (the per-request check).</summary>
    public Task<UserSession?> FindAsync(string id, CancellationToken ct) =>
        db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);

    /// <summary>Records activity; callers do so at most once per <see cref="LastSeenResolution"/>.</summary>
    public Task TouchAsync(string id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.UserSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now), ct);
    }

    /// <summary>The user's sessions, newest first; only those not revoked unless <paramref name="includeRevoked"/>.</summary>
    public Task<List<UserSession>> ListAsync(string userId, bool includeRevoked, CancellationToken ct) =>
        db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && (includeRevoked || s.RevokedAt == null))
            .OrderByDescending(s => s.CreatedAt)
            .Take(100)
            .ToListAsync(ct);

    /// <summary>Ends one session of the user; false when the user has no such active session.</summary>
    public async Task<bool> RevokeAsync(string userId, string sessionId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.UserSessions
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct) > 0;
    }

    /// <summary>Ends every active session of the user; returns how many.</summary>
    public Task<int> RevokeAllAsync(string userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return db.UserSessions
            .Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), ct);
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
