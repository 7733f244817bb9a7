using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.OpenId;

/// <summary>The themed error page of the protocol endpoints, for errors that must not be redirected.</summary>
public static class OAuthErrorPage
{
    public static ViewResult Show(Controller controller, OAuthErrorViewModel model)
    {
        controller.Response.StatusCode = model.StatusCode;
        return controller.View("~/Views/Shared/OAuthError.cshtml", model);
    }

    /// <summary>The error OpenIddict attached to this request.</summary>
    public static ViewResult ShowServerResponse(Controller controller)
    {
        var response = controller.HttpContext.GetOpenIddictServerResponse();
        return Show(controller, OAuthErrorViewModel.Create(response?.Error, response?.ErrorDescription));
    }
}
