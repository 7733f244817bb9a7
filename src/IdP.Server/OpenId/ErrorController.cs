using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.OpenId;

/// <summary>Status-code pages (404 and the like) in the theme.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("~/error/{status:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Status(int status)
    {
        var model = OAuthErrorViewModel.Create(status == 404 ? "not_found" : "server_error", null, status);
        Response.StatusCode = status;
        return View("~/Views/Shared/OAuthError.cshtml", model);
    }
}
