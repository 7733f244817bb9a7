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
    /// <summary>The query of <paramref name="returnUrl"/> when it is a local authorization request; null otherwise.</summary>
    public static Dictionary<string, StringValues>? ParseQuery(string? returnUrl, IUrlHelper url) =>
        string.IsNullOrEmpty(returnUrl) || !url.IsLocalUrl(returnUrl) || !returnUrl.StartsWith("/connect/authorize?", StringComparison.Ordinal)
            ? null
            : QueryHelpers.ParseQuery(new Uri("http://local" + returnUrl).Query);
}
