using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Server.AspNetCore;

namespace IdP.Server.OpenId;

/// <summary>The one way endpoints hand an OAuth error to OpenIddict, which formats and delivers it.</summary>
public static class OpenIdErrors
{
    /// <summary>A 400-class OAuth error (redirected to the client where the endpoint allows it).</summary>
    public static ForbidResult Forbid(string error, string description) => new(
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme],
        Properties(error, description));

    /// <summary>A 401-class error (e.g. <c>invalid_token</c> at userinfo).</summary>
    public static ChallengeResult Challenge(string error, string description) => new(
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme],
        Properties(error, description));

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
