using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace IdP.Server.Admin;

/// <summary>
/// Guards every page of the console (an attribute of the console's page model base class): anonymous browsers are
/// sent to sign in with the admin acr, non-admins get 403, admins with a weaker or (for a form post)
/// older session are sent through a step-up sign-in. Runs before antiforgery and model binding.
/// </summary>
public sealed partial class AdminAccessFilter(AdminAccess access, ILogger<AdminAccessFilter> logger) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        if (context.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        var http = context.HttpContext;
        var sensitive = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
        var result = await access.EvaluateAsync(http.User, sensitive, http.RequestAborted);
        switch (result.Kind)
        {
            case AdminAccessKind.Allowed:
                http.Items[AdminAccessResult.ItemKey] = result;
                return;
            case AdminAccessKind.Forbidden:
                LogForbidden(logger, result.Session?.Subject ?? "-", http.Request.Path);
                context.Result = new ViewResult
                {
                    ViewName = "~/Areas/Admin/Pages/Shared/Forbidden.cshtml",
                    StatusCode = StatusCodes.Status403Forbidden,
                    ViewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { ["Title"] = "Not allowed" },
                };
                return;
            default:
                LogSignIn(logger, result.Kind, result.Reason, http.Request.Path);

                // After signing in the admin comes back to the page (a form post is not replayed: they submit again).
                var back = http.Request.PathBase + http.Request.Path + (sensitive ? "" : http.Request.QueryString.Value);
                var location = AdminConsole.SignInPath + "?returnUrl=" + Uri.EscapeDataString(back);
                if (sensitive)
                {
                    // RFC 9110 §15.4.4: a POST answered with 303 is followed with a GET.
                    http.Response.Headers.Location = location;
                    context.Result = new StatusCodeResult(StatusCodes.Status303SeeOther);
                }
                else
                {
                    context.Result = new RedirectResult(location);
                }

                return;
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Admin console refused user {Subject} on {Path}: not an administrator.")]
    private static partial void LogForbidden(ILogger logger, string subject, string path);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Admin console needs a sign-in ({Kind}: {Reason}) for {Path}.")]
    private static partial void LogSignIn(ILogger logger, AdminAccessKind kind, string reason, string path);
}
