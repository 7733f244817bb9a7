using IdP.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.OpenId;

/// <summary>
/// Atomic operations on OpenIddict's token and authorization entries, as single conditional
/// <c>UPDATE</c> statements (no read-modify-write, so they hold across requests and nodes):
/// claiming a redeemable token exactly once, and revoking a token family — the authorization and
/// every token issued under it, including tokens a racing request has yet to create (OpenIddict
/// refuses any token whose authorization is no longer valid).
/// </summary>
public sealed class TokenFamily(IdPDbContext db, TimeProvider time)
{
    /// <summary>Marks a valid token entry redeemed; false when another request redeemed (or anybody revoked) it first.</summary>
    /// <remarks>The concurrency token stays as it is: OpenIddict's own redemption of the entry, later in the same
    /// request, must still succeed (it refuses the code otherwise).</remarks>
    public async Task<bool> TryClaimAsync(string tokenId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Id == tokenId && t.Status == Statuses.Valid)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, Statuses.Redeemed)
                .SetProperty(t => t.RedemptionDate, now), ct);
        return claimed == 1;
    }

    /// <summary>The stored status of a token entry (no tracking: never a stale copy), or null when there is none.</summary>
    public Task<string?> StatusAsync(string tokenId, CancellationToken ct) =>
        db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Id == tokenId)
            .Select(t => t.Status)
            .FirstOrDefaultAsync(ct);

    /// <summary>Revokes the authorization and all its tokens; returns how many tokens it revoked.</summary>
    public async Task<int> RevokeAsync(string authorizationId, CancellationToken ct)
    {
        await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Id == authorizationId && a.Status != Statuses.Revoked)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.Status, Statuses.Revoked)
                .SetProperty(a => a.ConcurrencyToken, Guid.NewGuid().ToString()), ct);
        return await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Authorization!.Id == authorizationId && t.Status != Statuses.Revoked)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, Statuses.Revoked)
                .SetProperty(t => t.ConcurrencyToken, Guid.NewGuid().ToString()), ct);
    }
}
