using IdP.Data.Entities;
using IdP.Server.Portal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace IdP.Server.Pages.Portal;

/// <summary>
/// Step-up: starts a sign-in flow at the user's strongest method (<c>smpp</c> to the current phone, else
/// <c>pwd</c>) and sends the browser to the login page; the completed flow signs a fresh session in and
/// returns to the portal page the user came from.
/// </summary>
public sealed class ReauthenticateModel(StepUpService stepUp, UserManager<IdPUser> users) : PortalPageModel
{
    public IActionResult OnGet() => Redirect("/account");

    public async Task<IActionResult> OnPostAsync([FromForm] string? returnUrl, CancellationToken ct)
    {
        // Only back into the portal: the flow's return URL is followed after a successful sign-in.
        var target = returnUrl is not null && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/account", StringComparison.Ordinal) ? returnUrl : "/account";
        var requirement = await stepUp.EvaluateAsync(Session, ct);
        if (requirement.IsSatisfied)
        {
            return SeeOther(target);
        }

        var user = await users.FindByIdAsync(Session.Subject);
        return SeeOther(await stepUp.StartAsync(HttpContext, requirement, user?.UserName, target, ct));
    }
}
