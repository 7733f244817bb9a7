using System.Collections.Concurrent;

namespace IdP.Server.OpenId;

/// <summary>
/// Serves the discovery document and the JWKS from pre-serialised bytes. OpenIddict builds both
/// through its handler pipeline on every request, which made them several times slower than a
/// static file; they change only when keys or enabled methods change. Entries live for
/// <see cref="Lifetime"/>, so a change made on another node shows within that time, and
/// <see cref="Invalidate"/> clears this node at once. Keyed by scheme and host, because the
/// issuer is derived from the request when none is configured.
/// </summary>
public sealed class WellKnownResponseCache(RequestDelegate next, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    private static readonly HashSet<string> CachedPaths = new(StringComparer.Ordinal)
    {
        "/.well-known/openid-configuration",
        "/.well-known/jwks",
    };

    public static void Invalidate() => Entries.Clear();

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (!HttpMethods.IsGet(context.Request.Method) || path is null || !CachedPaths.Contains(path) || context.Request.QueryString.HasValue)
        {
            await next(context);
            return;
        }

        var key = string.Concat(context.Request.Scheme, "://", context.Request.Host.Value, context.Request.PathBase.Value, path);
        var now = time.GetUtcNow();
        if (Entries.TryGetValue(key, out var entry) && entry.Expires > now)
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
            Entries[key] = new Entry(body, context.Response.ContentType ?? "application/json;charset=UTF-8", now + Lifetime);
        }

        await original.WriteAsync(body, context.RequestAborted);
    }

    private sealed record Entry(byte[] Body, string ContentType, DateTimeOffset Expires);
}
