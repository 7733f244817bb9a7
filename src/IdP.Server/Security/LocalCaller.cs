using System.Net;

namespace IdP.Server.Security;

/// <summary>
/// Whether a request comes from this machine itself: a loopback peer (an IPv4-mapped loopback counts) that is not a
/// proxy relaying someone else. A request still carrying <c>X-Forwarded-For</c> or <c>Forwarded</c> (a same-host
/// reverse proxy whose headers <c>IdP:ForwardedHeaders</c> does not consume) is not local; with forwarded headers on,
/// the address is the original caller's, so a proxied request is judged by it. Used for what only the operator on the
/// node may see (<c>/health</c>'s detail, <c>/dev/sms</c>).
/// </summary>
public static class LocalCaller
{
    public static bool IsLocal(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null)
        {
            return false;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        return IPAddress.IsLoopback(remote)
            && !context.Request.Headers.ContainsKey("X-Forwarded-For")
            && !context.Request.Headers.ContainsKey("Forwarded");
    }
}
