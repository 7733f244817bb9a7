using IdP.Server.Portal;
using IdP.Server.Session;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace IdP.Server.Pages.Portal;

/// <summary>
/// What every portal page shares: the signed-in session (the folder requires it), the caller's address for
/// audit events and limits, no caching of personal pages, and the freshness check before sensitive changes.
/// </summary>
[EnableRateLimiting(AccountPortalServiceCollectionExtensions.ChangesPolicy)]
public abstract class PortalPageModel : PageModel
{
    /// <summary>The IdP session of the signed-in user (the folder convention guarantees one).</summary>
    public SessionInfo Session { get; private set; } = null!;

    /// <summary>Set by <see cref="CheckFreshAsync"/>: the freshness requirement for changes.</summary>
    public StepUpRequirement? StepUp { get; protected set; }

    /// <summary>One-time message after a redirect (post/redirect/get).</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    protected string? RemoteAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        Response.Headers.CacheControl = "no-store";
        var session = SessionInfo.From(User);
        if (session is null)
        {
            context.Result = Challenge(IdPSession.Scheme);
            return;
        }

        Session = session;
        await next();
    }

    protected async Task<bool> CheckFreshAsync(CancellationToken ct)
    {
        StepUp = await HttpContext.RequestServices.GetRequiredService<StepUpService>().EvaluateAsync(Session, ct);
        return StepUp.IsSatisfied;
    }

    /// <summary>Post/redirect/get with a status message.</summary>
    protected IActionResult SeeOther(string url, string? message = null)
    {
        StatusMessage = message;
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
