using IdP.Server.Admin;
using IdP.Server.Session;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdP.Server.Areas.Admin.Pages;

/// <summary>
/// Base of the console pages: guarded by <see cref="AdminAccessFilter"/> (every page derives from this class;
/// the sign-in page does not), the acting admin, and one way to report a change and come back (post/redirect/get).
/// </summary>
[ServiceFilter(typeof(AdminAccessFilter))]
public abstract class AdminPageModel : PageModel
{
    /// <summary>The signed-in admin (the access filter has let the request through).</summary>
    protected AdminActor Actor => AdminActor.Person(User.FindFirst(IdPSession.SubjectClaim)!.Value, HttpContext.Connection.RemoteIpAddress?.ToString());

    /// <summary>Runs a change; success or refusal (bad input, unknown thing) becomes a message on the page it redirects to.</summary>
    protected async Task<IActionResult> ChangeAsync(Func<Task<string>> change, string redirectTo)
    {
        try
        {
            TempData["Status"] = await change();
        }
        catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException)
        {
            TempData["Error"] = ex.Message;
        }

        // RFC 9110: answer the form post with 303 so a reload does not repeat it.
        Response.Headers.Location = redirectTo;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
