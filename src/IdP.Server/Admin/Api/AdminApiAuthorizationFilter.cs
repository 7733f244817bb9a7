using IdP.Server.OpenId;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.Admin.Api;

/// <summary>
/// Guards the JSON admin API: a bearer access token of this server (RFC 6750), issued by the client
/// credentials grant to a client granted <c>idp.admin</c>. No token or an invalid one: 401; a valid token
/// without the scope (or a person's token): 403 with <c>insufficient_scope</c>. Errors are RFC 7807 JSON.
/// The token's database entry is checked on every call (revoked: 401 at once), and so is its client,
/// past any cache (disabled or removed: 401 at once, on every node).
/// </summary>
public sealed partial class AdminApiAuthorizationFilter(ClientDirectory clients, ILogger<AdminApiAuthorizationFilter> logger) : IAsyncAuthorizationFilter
{
    /// <summary>Key of the API client's <see cref="AdminActor"/> in <c>HttpContext.Items</c>.</summary>
    public const string ActorKey = "idp:admin-api-actor";

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        var result = await http.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is null)
        {
            http.Response.Headers.WWWAuthenticate = result.None
                ? $"Bearer scope=\"{AdminConsole.Scope}\""
                : $"Bearer error=\"invalid_token\", scope=\"{AdminConsole.Scope}\"";
            context.Result = Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                result.None ? "A bearer access token with the idp.admin scope is required." : "The access token is not valid.");
            return;
        }

        var principal = result.Principal;
        var clientId = principal.GetClaim(Claims.ClientId);
        if (!IsAdminClientToken(principal))
        {
            LogForbidden(logger, clientId ?? "-");
            http.Response.Headers.WWWAuthenticate = $"Bearer error=\"insufficient_scope\", scope=\"{AdminConsole.Scope}\"";
            context.Result = Problem(StatusCodes.Status403Forbidden, "Forbidden",
                $"The token lacks the '{AdminConsole.Scope}' scope (granted only to confidential clients through the client credentials grant).");
            return;
        }

        if (!await clients.IsEnabledNowAsync(clientId!, http.RequestAborted))
        {
            LogClientDisabled(logger, clientId!);
            http.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", scope=\"{AdminConsole.Scope}\"";
            context.Result = Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "The client of this access token is disabled or no longer exists.");
            return;
        }

        http.Items[ActorKey] = AdminActor.Client(clientId!, http.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>A client credentials token (subject = client, no person's auth_time) carrying <c>idp.admin</c>.</summary>
    internal static bool IsAdminClientToken(System.Security.Claims.ClaimsPrincipal principal)
    {
        var clientId = principal.GetClaim(Claims.ClientId);
        return clientId is not null && principal.GetClaim(Claims.Subject) == clientId && principal.GetClaim(Claims.AuthenticationTime) is null
            && principal.HasScope(AdminConsole.Scope);
    }

    private static ObjectResult Problem(int status, string title, string detail) => new(new ProblemDetails
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5." + (status == 401 ? "2" : "4"),
    })
    {
        StatusCode = status,
        ContentTypes = { "application/problem+json" },
    };

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Admin API refused a token of client {ClientId}: no idp.admin scope or not a client token.")]
    private static partial void LogForbidden(ILogger logger, string clientId);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Admin API refused a token of client {ClientId}: the client is disabled or removed.")]
    private static partial void LogClientDisabled(ILogger logger, string clientId);
}
