using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace IdP.Server.OpenId;

/// <summary>
/// The return URL the sign-in pages carry: only ever a request to our own authorization endpoint,
/// never an open redirect.
/// </summary>
public static class AuthorizeReturnUrl
{
    /// <summary>
    /// True when <paramref name="returnUrl"/> leads to the authorization endpoint in any spelling a browser would
    /// follow (case, a trailing slash, no query): such a return address never gets a flow that is not the
    /// endpoint's own.
    /// </summary>
    public static bool IsAuthorizeRequest(string? returnUrl, IUrlHelper url)
    {
        if (string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl))
        {
            return false;
        }

        var path = returnUrl.Split('?', '#')[0];
        return Uri.UnescapeDataString(path).TrimEnd('/').EndsWith("/connect/authorize", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The query of <paramref name="returnUrl"/> when it is a local authorization request; null otherwise.</summary>
    public static Dictionary<string, StringValues>? ParseQuery(string? returnUrl, IUrlHelper url) =>
        string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl) || !returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal)
            ? null
            : QueryHelpers.ParseQuery(new Uri("http://local" + returnUrl).Query);
}
