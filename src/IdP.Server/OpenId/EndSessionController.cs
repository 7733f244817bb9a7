using IdP.Server.Session;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace IdP.Server.OpenId;

/// <summary>
/// RP-initiated logout. The session ends at once (and the user goes back to the registered
/// <c>post_logout_redirect_uri</c>) only when a valid <c>id_token_hint</c> of this issuer names the
/// session's own user; otherwise — no hint, or a hint for somebody else (e.g. a token an attacker
/// got for their own account) — the user confirms first, so that a third-party link cannot sign
/// people out (RP-Initiated Logout 1.0 §2, §3; ASVS 5 V10.6.2). A hint with no session to end
/// needs no confirmation: there is nothing to sign out.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class EndSessionController(SessionSignIn sessions, IdP.Authentication.Engine.SignInFlowService flows) : Controller
{
    [HttpGet("~/connect/endsession"), HttpPost("~/connect/endsession")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> EndSessionAsync()
    {
        var request = HttpContext.GetOpenIddictServerRequest();
        if (request is null)
        {
            return OAuthErrorPage.ShowServerResponse(this);
        }

        // Only a real, validated id_token_hint counts: without one the endpoint authenticates to an
        // empty principal, which must not sign anybody out (RP-Initiated Logout 1.0 §2).
        var hintPrincipal = string.IsNullOrEmpty(request.IdTokenHint)
            ? null
            : (await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var hintSubject = hintPrincipal?.GetClaim(OpenIddict.Abstractions.OpenIddictConstants.Claims.Subject);
        var session = SessionInfo.From((await HttpContext.AuthenticateAsync(IdPSession.Scheme)).Principal);
        var hintMatchesSession = hintSubject is not null && (session is null || string.Equals(session.Subject, hintSubject, StringComparison.Ordinal));
        var confirmed = HttpMethods.IsPost(Request.Method) && Request.HasFormContentType && Request.Form.ContainsKey("confirm");
        if (!hintMatchesSession && !confirmed)
        {
            return View("~/Views/Shared/ConfirmSignOut.cshtml", request.GetParameters()
                .Where(p => p.Key != "confirm")
                .Select(p => new KeyValuePair<string, string?>(p.Key, (string?)p.Value))
                .ToList());
        }

        if (confirmed)
        {
            // The confirmation form is a credentialed POST: it must carry our antiforgery token.
            var antiforgery = HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(HttpContext))
            {
                return BadRequest();
            }
        }

        if (session is not null)
        {
            await flows.LogoutAsync(session.Script, session.Subject, new(null, HttpContext.Connection.RemoteIpAddress?.ToString()), HttpContext.RequestAborted);
        }

        await sessions.SignOutAsync(HttpContext);

        // OpenIddict redirects to post_logout_redirect_uri (already checked against the exact
        // registered values) or, without one, to RedirectUri below.
        return SignOut(
            authenticationSchemes: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme,
            properties: new AuthenticationProperties { RedirectUri = "/account/signed-out" });
    }
}
