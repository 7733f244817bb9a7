namespace IdP.Server.Security;

/// <summary>
/// Security headers on every response: a strict CSP with <c>frame-ancestors 'none'</c>
/// (clickjacking, RFC 9700 §4.16), no referrer (codes and state never leak through Referer),
/// no MIME sniffing, and no caching of pages that carry personal data or tokens.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // No form-action: Chromium applies it to the redirect chain after a form post, which would
    // block the final redirect to the relying party's redirect_uri.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpContext)state).Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (!headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
