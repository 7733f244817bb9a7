using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using IdP.Server.Session;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdP.Server.Areas.Admin.Pages;

/// <summary>
/// Signs an admin in to the console with the admin acr, directly through the sign-in flow engine (no
/// OAuth round trip: the console is part of the provider). The acr is requested as essential, so a
/// person who cannot use it gets an error here instead of a weaker session that would loop back.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(AcrSettingsStore acrSettings, SignInFlowService flows, FlowCookie flowCookie) : PageModel
{
    public string ErrorMessage { get; private set; } = "";

    public string AdminAcr { get; private set; } = "";

    /// <summary>Starts a flow for the admin acr and shows its first step.</summary>
    public async Task<IActionResult> OnGetAsync([FromQuery] string? returnUrl, CancellationToken ct)
    {
        var snapshot = await acrSettings.GetSnapshotAsync(ct);
        AdminAcr = snapshot.AdminAcr;
        var resolution = AcrResolver.Resolve([], [snapshot.AdminAcr], ClientAcrPolicy.None, snapshot.DefaultAcr, snapshot.Catalog);
        if (!resolution.Succeeded)
        {
            ErrorMessage = $"The admin acr '{snapshot.AdminAcr}' is not enabled. Enable it or choose another from the command line (acr admin set NAME).";
            return Page();
        }

        var back = "/admin/signin?handler=complete&returnUrl=" + Uri.EscapeDataString(SafeReturnUrl(returnUrl));
        var flow = await flows.StartAsync(resolution, null, back, ct);
        flowCookie.Write(HttpContext, flow);
        return Redirect("/account/login?returnUrl=" + Uri.EscapeDataString(back));
    }

    /// <summary>Where the flow comes back: on success go to the console page, on failure say why.</summary>
    public async Task<IActionResult> OnGetCompleteAsync([FromQuery] string? returnUrl, CancellationToken ct)
    {
        AdminAcr = (await acrSettings.GetSnapshotAsync(ct)).AdminAcr;
        var flow = flowCookie.Read(HttpContext) is { } id ? await flows.FindAsync(id, ct) : null;
        flowCookie.Delete(HttpContext);
        if (flow?.Error is not null)
        {
            ErrorMessage = flow.ErrorDescription ?? flow.Error;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        return Redirect(SafeReturnUrl(returnUrl));
    }

    /// <summary>Only back into the console: never an open redirect.</summary>
    private string SafeReturnUrl(string? returnUrl) =>
        returnUrl is not null && Url.IsLocalUrl(returnUrl) && (returnUrl == "/admin" || returnUrl.StartsWith("/admin/", StringComparison.Ordinal)) ? returnUrl : "/admin";
}
