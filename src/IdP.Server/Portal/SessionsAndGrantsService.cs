using System.Collections.Immutable;
using IdP.Authentication.Audit;
using IdP.Data;
using IdP.Data.Entities;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.Portal;

/// <summary>
/// The user's IdP browser sessions (server-side <see cref="UserSession"/> rows) and the grants given to relying
/// parties (OpenIddict authorizations). Ending a session sets <see cref="UserSession.RevokedAt"/>; the session
/// cookie validation refuses revoked rows. Revoking a grant revokes the authorization and every token issued
/// under it (ASVS 5 10.4.9: users can revoke tokens).
/// </summary>
public sealed class SessionsAndGrantsService(
    IdPDbContext db,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictTokenManager tokens,
    IOpenIddictApplicationManager applications,
    AuditLog audit,
    TimeProvider time)
{
    public Task<List<UserSession>> ListSessionsAsync(string userId, CancellationToken ct) =>
        db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null)
            .OrderByDescending(s => s.LastSeenAt)
            .Take(50)
            .ToListAsync(ct);

    /// <summary>Ends one session of the user; false when there is no such live session.</summary>
    public async Task<bool> RevokeSessionAsync(string userId, string sessionId, string? remoteAddress, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var count = await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, now), ct);
        if (count > 0)
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.SessionRevoked)
            {
                UserId = userId, RemoteAddress = remoteAddress, Detail = $"session {ShortId(sessionId)} signed out by the user",
            }, ct);
        }

        return count > 0;
    }

    /// <summary>Ends every live session of the user except <paramref name="currentSessionId"/>; returns how many.</summary>
    public async Task<int> RevokeOtherSessionsAsync(string userId, string currentSessionId, string? remoteAddress, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var count = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != currentSessionId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RevokedAt, now), ct);
        if (count > 0)
        {
            await audit.WriteAsync(new AuditEntry(AuditEventTypes.SessionRevoked)
            {
                UserId = userId, RemoteAddress = remoteAddress, Detail = $"{count} other session(s) signed out by the user",
            }, ct);
        }

        return count;
    }

    public async Task<List<AccountGrant>> ListGrantsAsync(string userId, CancellationToken ct)
    {
        var grants = new List<AccountGrant>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var authorization in authorizations.FindBySubjectAsync(userId, ct))
        {
            if (await authorizations.GetStatusAsync(authorization, ct) != Statuses.Valid)
            {
                continue;
            }

            var applicationId = await authorizations.GetApplicationIdAsync(authorization, ct) ?? "";
            if (!names.TryGetValue(applicationId, out var name))
            {
                var application = applicationId.Length == 0 ? null : await applications.FindByIdAsync(applicationId, ct);
                name = application is null ? "Unknown application"
                    : await applications.GetDisplayNameAsync(application, ct) ?? await applications.GetClientIdAsync(application, ct) ?? applicationId;
                names[applicationId] = name;
            }

            grants.Add(new AccountGrant(
                await authorizations.GetIdAsync(authorization, ct) ?? "",
                name,
                await authorizations.GetScopesAsync(authorization, ct) is { IsDefault: false } scopes ? scopes : ImmutableArray<string>.Empty,
                await authorizations.GetCreationDateAsync(authorization, ct),
                await authorizations.GetTypeAsync(authorization, ct) ?? ""));
        }

        return [.. grants.OrderByDescending(g => g.CreatedAt)];
    }

    /// <summary>Revokes one grant of the user and its tokens; false when the user has no such grant.</summary>
    public async Task<bool> RevokeGrantAsync(string userId, string authorizationId, string? remoteAddress, CancellationToken ct)
    {
        var authorization = await authorizations.FindByIdAsync(authorizationId, ct);
        if (authorization is null || await authorizations.GetSubjectAsync(authorization, ct) != userId)
        {
            return false;
        }

        await authorizations.TryRevokeAsync(authorization, ct);
        var revokedTokens = await tokens.RevokeByAuthorizationIdAsync(authorizationId, ct);
        var applicationId = await authorizations.GetApplicationIdAsync(authorization, ct);
        var application = applicationId is null ? null : await applications.FindByIdAsync(applicationId, ct);
        var clientId = application is null ? null : await applications.GetClientIdAsync(application, ct);
        await audit.WriteAsync(new AuditEntry(PortalAuditEventTypes.GrantRevoked)
        {
            UserId = userId, ClientId = clientId, RemoteAddress = remoteAddress,
            Detail = $"grant {ShortId(authorizationId)} revoked by the user with {revokedTokens} token(s)",
        }, ct);
        return true;
    }

    private static string ShortId(string id) => id.Length <= 6 ? id : id[..6] + "…";
}
