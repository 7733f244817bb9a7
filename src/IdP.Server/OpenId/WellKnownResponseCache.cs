using System.Collections.Concurrent;
using IdP.Server.Configuration;
using Microsoft.Extensions.Options;

namespace IdP.Server.OpenId;

/// <summary>
/// Serves the discovery document and the JWKS from pre-serialised bytes. OpenIddict builds both
/// through its handler pipeline on every request, which made them several times slower than a
/// static file; they change only when keys or enabled methods change. Entries live for
/// <see cref="Lifetime"/>, so a change made on another node shows within that time, and
/// <see cref="Invalidate"/> clears this process at once.
/// With a configured issuer the documents do not depend on the request, so there is one entry per path and the
/// <c>Host</c> header plays no part. Only the embedded default (no issuer) derives the issuer from the request; there
/// entries are keyed by scheme and host and capped at <see cref="MaxEntries"/>: requests for further hosts are
/// answered uncached, so made-up <c>Host</c> headers cannot grow the cache.
/// </summary>
public sealed class WellKnownResponseCache(TimeProvider time, IOptions<IdPOptions> options) : IMiddleware
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    /// <summary>Entries kept at most (two paths for a handful of loopback names and schemes).</summary>
    public const int MaxEntries = 8;

    private static readonly HashSet<string> CachedPaths = new(StringComparer.Ordinal)
    {
        "/.well-known/openid-configuration",
        "/.well-known/jwks",
    };

    // Bumped by Invalidate: entries of an older generation are stale (admin changes clear every server in the process).
    private static long s_generation;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly bool _issuerConfigured = !string.IsNullOrEmpty(options.Value.Issuer);

    /// <summary>Entries held now (for tests and diagnostics).</summary>
    public int Count => _entries.Count;

    public static void Invalidate() => Interlocked.Increment(ref s_generation);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value;
        if (!HttpMethods.IsGet(context.Request.Method) || path is null || !CachedPaths.Contains(path) || context.Request.QueryString.HasValue)
        {
            await next(context);
            return;
        }

        var key = _issuerConfigured
            ? string.Concat(context.Request.PathBase.Value, path)
            : string.Concat(context.Request.Scheme, "://", context.Request.Host.Value, context.Request.PathBase.Value, path);
        var now = time.GetUtcNow();
        var generation = Interlocked.Read(ref s_generation);
        if (_entries.TryGetValue(key, out var entry) && entry.Expires > now && entry.Generation == generation)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = entry.ContentType;
            context.Response.Headers.CacheControl = "public, max-age=60";
            context.Response.ContentLength = entry.Body.Length;
            await context.Response.Body.WriteAsync(entry.Body, context.RequestAborted);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = buffer.ToArray();
        if (context.Response.StatusCode == StatusCodes.Status200OK && body.Length > 0)
        {
            Store(key, new Entry(body, context.Response.ContentType ?? "application/json;charset=UTF-8", now + Lifetime, generation), now);
        }

        await original.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>A key already held is replaced in place; a new one is added only below the cap (after dropping expired entries).</summary>
    private void Store(string key, Entry entry, DateTimeOffset now)
    {
        lock (_entries)
        {
            if (!_entries.ContainsKey(key) && _entries.Count >= MaxEntries)
            {
                foreach (var (staleKey, stale) in _entries)
                {
                    if (stale.Expires <= now)
                    {
                        _entries.TryRemove(staleKey, out _);
                    }
                }

                if (_entries.Count >= MaxEntries)
                {
                    return;
                }
            }

            _entries[key] = entry;
        }
    }

    private sealed record Entry(byte[] Body, string ContentType, DateTimeOffset Expires, long Generation);
}
