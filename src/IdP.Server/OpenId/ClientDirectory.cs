using IdP.Authentication.Scripts;
using IdP.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OpenIddict.Abstractions;

namespace IdP.Server.OpenId;

/// <summary>
/// Reads relying-party metadata with a short cache, so that the hot paths of the authorization
/// endpoint do not query the database twice per request. Entries expire quickly, so a change
/// made on one node reaches every node within <see cref="CacheDuration"/>.
/// </summary>
public sealed class ClientDirectory(IOpenIddictApplicationManager applications, IdPDbContext db, IMemoryCache cache)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    public async Task<ClientInfo?> FindAsync(string clientId, CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey(clientId), out ClientInfo? cached))
        {
            return cached;
        }

        var application = await applications.FindByClientIdAsync(clientId, ct);
        if (application is null)
        {
            return null;
        }

        var settings = await db.ClientSettings.AsNoTracking().FirstOrDefaultAsync(s => s.ClientId == clientId, ct);
        var info = new ClientInfo(
            clientId,
            await applications.GetIdAsync(application, ct) ?? clientId,
            await applications.GetLocalizedDisplayNameAsync(application, ct) ?? clientId,
            await applications.GetConsentTypeAsync(application, ct),
            settings?.Disabled ?? false,
            new ClientAcrPolicy
            {
                DefaultAcrValues = Split(settings?.DefaultAcrValues),
                AllowedAcrs = Split(settings?.AllowedAcrs),
                MinimumLevel = settings?.MinimumAcrLevel,
                RaiseToMinimum = settings?.RaiseToMinimumLevel ?? true,
            });
        cache.Set(CacheKey(clientId), info, CacheDuration);
        return info;
    }

    public void Invalidate(string clientId) => cache.Remove(CacheKey(clientId));

    /// <summary>
    /// Whether the client exists and is not disabled, read from the database past the cache: for checks
    /// that must see a change made on any node at once (the admin API's bearer tokens).
    /// </summary>
    public async Task<bool> IsEnabledNowAsync(string clientId, CancellationToken ct) =>
        await applications.FindByClientIdAsync(clientId, ct) is not null
        && !await db.ClientSettings.AsNoTracking().AnyAsync(s => s.ClientId == clientId && s.Disabled, ct);

    private static string[] Split(string? values) => values?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    private static string CacheKey(string clientId) => "idp:client:" + clientId;
}
