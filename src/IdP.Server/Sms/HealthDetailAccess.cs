using IdP.Server.Admin;
using IdP.Server.Admin.Api;
using IdP.Server.OpenId;
using IdP.Server.Security;
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
        if (LocalCaller.IsLocal(context))
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
}
