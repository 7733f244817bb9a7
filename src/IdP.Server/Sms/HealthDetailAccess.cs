using System.Net;
using IdP.Server.Admin;
using IdP.Server.Admin.Api;
using IdP.Server.OpenId;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace IdP.Server.Sms;

/// <summary>
/// Who may read <c>/health</c>'s detail (the SMSC's host:port, the last SMPP error, what to check): a caller on this
/// machine, an administrator signed in to the console (the console's own check, <see cref="AdminAccess"/>), or a
/// bearer token of the admin API (client credentials with <c>idp.admin</c>). Everyone else — a load balancer, the
/// internet — gets the status word only: the detail maps the operator's network and provider for an attacker.
/// </summary>
internal static class HealthDetailAccess
{
    public static async Task<bool> AllowsAsync(HttpContext context)
    {
        if (IsLocalCaller(context))
        {
            return true;
        }

        if (context.Request.Headers.Authorization.Count > 0)
        {
            var token = await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            // The admin API's own rules: an admin client token whose client is still enabled (read past the cache).
            return token.Succeeded && AdminApiAuthorizationFilter.IsAdminClientToken(token.Principal)
                && await context.RequestServices.GetRequiredService<ClientDirectory>()
                    .IsEnabledNowAsync(token.Principal.GetClaim(OpenIddictConstants.Claims.ClientId)!, context.RequestAborted);
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var admin = await context.RequestServices.GetRequiredService<AdminAccess>().EvaluateAsync(context.User, sensitive: false, context.RequestAborted);
        return admin.Kind == AdminAccessKind.Allowed;
    }

    /// <summary>
    /// A loopback peer that is not a proxy relaying someone else: a request still carrying <c>X-Forwarded-For</c> or
    /// <c>Forwarded</c> (a same-host reverse proxy whose headers <c>IdP:ForwardedHeaders</c> does not consume) is not
    /// local. With forwarded headers on, the address is the original caller's, so a proxied request is judged by it.
    /// </summary>
    internal static bool IsLocalCaller(HttpContext context)
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
