using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.OpenId;

/// <summary>
/// Status-code pages in the theme, including OpenIddict's errors that must not be redirected
/// (its status-code-pages integration leaves the OAuth error on the re-executed request).
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController(TimeProvider time) : Controller
{
    [Route("~/error/{status:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Status(int status)
    {
        if (status == StatusCodes.Status429TooManyRequests)
        {
            return Security.TooManyRequestsPage.Show(this, time);
        }

        var oauth = HttpContext.GetOpenIddictServerResponse();
        var model = oauth is { Error: not null }
            ? OAuthErrorViewModel.Create(oauth.Error, oauth.ErrorDescription, status)
            : OAuthErrorViewModel.Create(status == 404 ? "not_found" : status == 400 ? "invalid_request" : "server_error", null, status);
        return OAuthErrorPage.Show(this, model);
    }
}
