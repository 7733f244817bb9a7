using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using IdP.Authentication.Sms;
using IdP.Data.Entities;
using IdP.Server.OpenId;
using IdP.Server.Session;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IdP.Server.Pages.Account;

/// <summary>
/// Renders and submits the steps of the current sign-in flow. Which page a step shows is the
/// script's decision (<see cref="StepPage.Page"/>); the flow lives in the database and this page
/// finds it through the flow cookie, so any node can serve any step.
/// </summary>
public sealed class LoginModel(
    SignInFlowService flows,
    AcrSettingsStore acrSettings,
    FlowCookie flowCookie,
    SessionSignIn sessions,
    UserManager<IdPUser> users) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? ErrorMessage { get; private set; }

    /// <summary>What the person should know (the requested method cannot run for them, and what to do).</summary>
    public string? Notice { get; private set; }

    /// <summary>Set when the flow ended with a notice: where "Return to the application" leads.</summary>
    public string? ContinueUrl { get; private set; }

    /// <summary>The step to render (page name and data).</summary>
    public StepPage Step { get; private set; } = StepPage.Of(BuiltInPages.Password);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "login_hint")] string? loginHint, CancellationToken ct)
    {
        var flow = await flows.FindActiveAsync(flowCookie.Read(HttpContext), ct);
        if (flow is null && AuthorizeReturnUrl.IsAuthorizeRequest(ReturnUrl, Url))
        {
            // Never a default-acr flow for an authorization request: only the authorization endpoint knows what the
            // request and its client demand. Back to it (an expired flow, a crafted link): it starts the right one.
            return Redirect(ReturnUrl!);
        }

        flow ??= await StartDefaultFlowAsync(ct);

        // OIDC Core 3.1.2.1: login_hint pre-fills the identifier.
        if (!string.IsNullOrEmpty(loginHint) && loginHint.Length <= 256)
        {
            Input.Username = loginHint;
        }

        var result = await flows.PrepareAsync(flow, Info(loginHint), ct);
        Step = result.Page!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var flow = await flows.FindActiveAsync(flowCookie.Read(HttpContext), ct);
        if (flow is null)
        {
            ErrorMessage = "This sign-in expired or was already completed. Start again from the application.";
            return Page();
        }

        var result = await flows.SubmitAsync(flow, Input.ToScriptInput(), Info(null), ct);
        switch (result.Kind)
        {
            case FlowResultKind.ShowStep:
                Step = result.Page!;
                ErrorMessage = result.Message;
                Notice = result.Notice;
                Input.Password = null;
                Input.Code = null;
                return Page();
            case FlowResultKind.Completed:
                var authentication = result.Authentication!;
                var user = await users.FindByIdAsync(authentication.UserId);
                if (user is null)
                {
                    ErrorMessage = "This account no longer exists.";
                    return Page();
                }

                // The flow cookie stays: the authorization endpoint reads the completed flow once, to
                // know this session answers its request (then deletes the cookie).
                await sessions.SignInAsync(HttpContext, user, authentication);
                return SeeOther(flow.ReturnUrl);
            default:
                if (result.Notice is not null)
                {
                    // Say what happened first; the way back to the application then carries the error to it.
                    Notice = result.Notice;
                    ContinueUrl = Url.IsLocalUrl(flow.ReturnUrl) ? flow.ReturnUrl : "/account/signed-in";
                    Step = StepPage.Of(BuiltInPages.Notice);
                    return Page();
                }

                // The authorization endpoint reads the failure from the flow and tells the client.
                return SeeOther(flow.ReturnUrl);
        }
    }

    /// <summary>
    /// Delivery state of the current flow's latest SMS, for the code page's live status (polled by
    /// <c>/js/sms-code.js</c>): <c>queued</c>, <c>sent</c>, <c>delivered</c>, <c>failed</c>, <c>unknown</c>.
    /// A failure is told in the same words whatever the cause: the SMSC's status or the network's error (operator,
    /// route, number state) stays in the delivery record for the admin console.
    /// </summary>
    public async Task<IActionResult> OnGetSmsStatusAsync([FromServices] SmsDeliveryRecords records, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        var flow = await flows.FindActiveAsync(flowCookie.Read(HttpContext), ct);
        var record = flow is null ? null : await records.LatestForFlowAsync(flow.Id, ct);
        if (record is null)
        {
            return NotFound();
        }

        var text = record.State switch
        {
            SmsStates.Queued => "Sending…",
            SmsStates.Sent => "Sent. Waiting for your phone to confirm delivery…",
            SmsStates.Delivered => "Delivered to your phone.",
            SmsStates.Failed => "The SMS could not be delivered. Ask for a new code.",
            SmsStates.Unknown => "The SMS service did not confirm the message. If it does not arrive, ask for a new code.",
            _ => record.State,
        };
        return new JsonResult(new { state = record.State, text, final = record.State is SmsStates.Delivered or SmsStates.Failed });
    }

    /// <summary>RFC 9700 §4.12: answer a credential POST with 303, never 307.</summary>
    private StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = Url.IsLocalUrl(url) ? url : "/account/signed-in";
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>A visit without a flow (bookmark, expired cookie): sign in with the server's default acr.</summary>
    private async Task<LoginFlow> StartDefaultFlowAsync(CancellationToken ct)
    {
        var snapshot = await acrSettings.GetSnapshotAsync(ct);
        var resolution = AcrResolver.Resolve([], null, ClientAcrPolicy.None, snapshot.DefaultAcr, snapshot.Catalog);
        var returnUrl = ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account/signed-in";
        var flow = await flows.StartAsync(resolution, null, returnUrl, ct);
        flowCookie.Write(HttpContext, flow);
        return flow;
    }

    private FlowRequestInfo Info(string? loginHint) => new(loginHint, HttpContext.Connection.RemoteIpAddress?.ToString()) { Host = Request.Host.Host };
}
