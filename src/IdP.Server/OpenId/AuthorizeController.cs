using System.Collections.Immutable;
using System.Security.Claims;
using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using IdP.Data.Entities;
using IdP.Server.Session;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.OpenId;

/// <summary>
/// The passthrough authorization endpoint: OpenIddict has validated the request (client,
/// exact redirect_uri, PKCE, scopes); here the IdP session is checked against the request's
/// demands, consent is settled, and the code is issued.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed partial class AuthorizeController(
    ClientDirectory clients,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictScopeManager scopeManager,
    UserManager<IdPUser> users,
    SessionSignIn sessions,
    AcrSettingsStore acrSettings,
    SignInFlowService flows,
    FlowCookie flowCookie,
    TimeProvider time,
    ILogger<AuthorizeController> logger) : Controller
{
    /// <summary>Query marker the consent page adds when the user declines.</summary>
    internal const string ConsentDeniedParameter = "idp_consent";

    /// <summary>The longest authorization request (as a URL) the sign-in pages carry.</summary>
    internal const int MaxRequestLength = 8000;

    /// <summary>How long after its flow completed a request may use the new session as its own.</summary>
    private static readonly TimeSpan JustCompletedWindow = TimeSpan.FromMinutes(10);

    [HttpGet("~/connect/authorize"), HttpPost("~/connect/authorize")]
    [IgnoreAntiforgeryToken]
    public async Task<IActionResult> AuthorizeAsync(CancellationToken ct)
    {
        var request = HttpContext.GetOpenIddictServerRequest();
        if (request is null)
        {
            // Error passthrough: OpenIddict could not validate the request in a way that allows a
            // redirect (unknown client, unregistered redirect_uri). Show it; never redirect.
            return OAuthErrorPage.ShowServerResponse(this);
        }

        var client = await clients.FindAsync(request.ClientId!, ct);
        if (client is null || client.Disabled)
        {
            return OpenIdErrors.Forbid(Errors.AccessDenied, "The client application is disabled.");
        }

        if (string.Equals(Request.Query[ConsentDeniedParameter], "denied", StringComparison.Ordinal))
        {
            return OpenIdErrors.Forbid(Errors.AccessDenied, "The user declined the request.");
        }

        var returnUrl = AuthorizeUrlWithout(request, PromptValues.Login);
        if (returnUrl.Length > MaxRequestLength)
        {
            // The request must round-trip through the sign-in pages; refuse what cannot (e.g. a
            // 100 KB state posted to the endpoint). Shown, not redirected: echoing such a state
            // back in a Location header would only move the failure to the browser.
            return OAuthErrorPage.Show(this, OAuthErrorViewModel.Create(
                Errors.InvalidRequest, $"The authorization request is too large (more than {MaxRequestLength} characters)."));
        }

        var snapshot = await acrSettings.GetSnapshotAsync(ct);
        var demand = AcrDemand.Of(request, client, snapshot);
        var resolution = demand.Resolution;

        // The sign-in flow started for this very request: a failure (e.g. an essential acr the user cannot satisfy)
        // goes to the client, never a weaker token; a success counts only when the flow is bound to what this request
        // and its client demand (CompletedFlowCheck) — a flow started anywhere else never satisfies a stricter request.
        (LoginFlow Flow, string ReportedAcr)? completed = null;
        if (flowCookie.Read(HttpContext) is { } flowId && await flows.FindAsync(flowId, ct) is { } own && own.ReturnUrl == returnUrl
            && string.Equals(own.ClientId, client.ClientId, StringComparison.Ordinal))
        {
            flowCookie.Delete(HttpContext);
            if (own.Error is not null)
            {
                return OpenIdErrors.Forbid(own.Error, own.ErrorDescription ?? "The sign-in failed.");
            }

            if (own.CompletedAt is { } at && at > time.GetUtcNow() - JustCompletedWindow
                && CompletedFlowCheck.AnsweredAcr(own, client.ClientId, demand, snapshot.Catalog) is { } answered)
            {
                completed = (own, answered);
            }
        }

        if (!resolution.Succeeded)
        {
            LogAcrRefused(logger, request.ClientId!, resolution.Error!, resolution.ErrorDescription ?? "");
            return OpenIdErrors.Forbid(resolution.Error!, resolution.ErrorDescription ?? "The requested authentication is not available.");
        }

        var sessionResult = await HttpContext.AuthenticateAsync(IdPSession.Scheme);
        var session = SessionInfo.From(sessionResult.Principal);
        var hint = (await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;

        var user = session is null ? null : await users.FindByIdAsync(session.Subject);
        if (session is not null && (user is null || await users.IsLockedOutAsync(user)))
        {
            // The session outlived its user (deleted or locked): end it.
            await sessions.SignOutAsync(HttpContext);
            session = null;
            user = null;
        }

        var decision = completed is { } done && session is not null && session.Subject == done.Flow.UserId && session.Script == done.Flow.ScriptAcr
            ? new LoginPolicy.Decision(LoginPolicy.Reason.None, done.ReportedAcr)
            : LoginPolicy.Evaluate(request, session, hint, resolution, time.GetUtcNow());
        if (decision.Reason != LoginPolicy.Reason.None)
        {
            LogLoginRequired(logger, request.ClientId!, decision.Reason, resolution.Primary.Script);

            // OIDC Core 3.1.2.1: prompt=none MUST NOT display any authentication UI.
            if (request.HasPromptValue(PromptValues.None))
            {
                return OpenIdErrors.Forbid(Errors.LoginRequired, "The user must sign in: " + decision.Reason + ".");
            }

            // No preference stated by the request or the client: let the person pick, when enabled.
            if (demand.ChooserApplies)
            {
                return Redirect("/account/choose?returnUrl=" + Uri.EscapeDataString(returnUrl));
            }

            var flow = await flows.StartAsync(resolution, client.ClientId, returnUrl, ct);
            flowCookie.Write(HttpContext, flow);
            return RedirectToLogin(request, returnUrl);
        }

        var scopes = request.GetScopes();
        var subject = user!.Id;
        var existing = await authorizations.FindAsync(subject, client.ApplicationId, Statuses.Valid, AuthorizationTypes.Permanent, scopes, ct).ToListAsync(ct);

        var needsConsent = client.ConsentType switch
        {
            ConsentTypes.Implicit => false,
            ConsentTypes.External => existing.Count == 0,
            _ => existing.Count == 0 || request.HasPromptValue(PromptValues.Consent),
        };

        if (needsConsent)
        {
            if (request.HasPromptValue(PromptValues.None) || client.ConsentType == ConsentTypes.External)
            {
                return OpenIdErrors.Forbid(Errors.ConsentRequired, "The user has not granted this application access.");
            }

            if (completed is not null)
            {
                // The consent page comes back to this same request: it must still count as the one the flow
                // just answered (e.g. a fallback to the script's alternative), or the person would be sent to
                // sign in again and again.
                flowCookie.Write(HttpContext, completed.Value.Flow);
            }

            return Redirect("/consent?returnUrl=" + Uri.EscapeDataString(AuthorizeUrlWithout(request, PromptValues.Consent)));
        }

        var identity = TokenIdentityFactory.Create(user, new AuthenticationFacts(session!.AuthTime, decision.ReportedAcr!, session.Amr) { ScriptClaims = session.ScriptClaims }, scopes);
        identity.SetResources(await scopeManager.ListResourcesAsync(scopes, ct).ToListAsync(ct));

        var authorization = existing.LastOrDefault() ?? await authorizations.CreateAsync(
            identity: identity,
            subject: subject,
            client: client.ApplicationId,
            type: AuthorizationTypes.Permanent,
            scopes: scopes,
            cancellationToken: ct);
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization, ct));

        LogCodeIssued(logger, request.ClientId!, decision.ReportedAcr!);
        return SignIn(new ClaimsPrincipal(identity), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <param name="request">The request.</param>
    /// <param name="returnUrl">The request without prompt=login, so that coming back after the fresh
    /// sign-in does not ask again (max_age is satisfied by the new auth_time on its own).</param>
    private IActionResult RedirectToLogin(OpenIddictRequest request, string returnUrl)
    {
        var login = "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        if (!string.IsNullOrEmpty(request.LoginHint))
        {
            login += "&login_hint=" + Uri.EscapeDataString(request.LoginHint);
        }

        return Redirect(login);
    }

    /// <summary>Rebuilds the authorization request as a local GET URL, minus one prompt value.</summary>
    private string AuthorizeUrlWithout(OpenIddictRequest request, string promptValue)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name == Parameters.Prompt)
            {
                var remaining = string.Join(' ', request.GetPromptValues().Where(p => p != promptValue));
                if (remaining.Length > 0)
                {
                    parameters.Add(new(name, remaining));
                }

                continue;
            }

            if (name == ConsentDeniedParameter)
            {
                continue;
            }

            foreach (var item in (Microsoft.Extensions.Primitives.StringValues)value)
            {
                parameters.Add(new(name, item));
            }
        }

        return Request.PathBase + "/connect/authorize" + QueryString.Create(parameters).ToUriComponent();
    }




    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Authorization request from {ClientId} needs a sign-in: {Reason} (acr {Acr}).")]
    private static partial void LogLoginRequired(ILogger logger, string clientId, LoginPolicy.Reason reason, string acr);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Authorization request from {ClientId} refused: {Error} ({Description}).")]
    private static partial void LogAcrRefused(ILogger logger, string clientId, string error, string description);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Issuing an authorization code to {ClientId} (acr {Acr}).")]
    private static partial void LogCodeIssued(ILogger logger, string clientId, string acr);
}
