using System.Collections.Immutable;
using System.Security.Claims;
using IdP.Server.OpenId;
using IdP.Server.Session;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace IdP.Server.Pages;

/// <summary>
/// Explicit consent. The page only ever returns to the local authorization endpoint, which
/// validates the request again; accepting records a permanent authorization for the scopes the
/// client is allowed to have.
/// </summary>
public sealed class ConsentModel(ClientDirectory clients, IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string ReturnUrl { get; set; } = "";

    public string ClientName { get; private set; } = "";

    public IReadOnlyList<ScopeDescription> Scopes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var context = await LoadAsync(ct);
        if (context is null)
        {
            return BadRequest();
        }

        if (SessionInfo.From((await HttpContext.AuthenticateAsync(IdPSession.Scheme)).Principal) is null)
        {
            return Redirect(ReturnUrl);
        }

        ClientName = context.Value.Client.DisplayName;
        Scopes = context.Value.Scopes.Select(ScopeDescription.For).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? decision, CancellationToken ct)
    {
        var context = await LoadAsync(ct);
        var session = SessionInfo.From((await HttpContext.AuthenticateAsync(IdPSession.Scheme)).Principal);
        if (context is null || session is null)
        {
            return BadRequest();
        }

        if (decision != "accept")
        {
            return SeeOther(QueryHelpers.AddQueryString(ReturnUrl, AuthorizeController.ConsentDeniedParameter, "denied"));
        }

        var identity = new ClaimsIdentity("IdP");
        identity.SetClaim(Claims.Subject, session.Subject);
        await authorizations.CreateAsync(identity, session.Subject, context.Value.Client.ApplicationId, AuthorizationTypes.Permanent, context.Value.Scopes, ct);
        return SeeOther(ReturnUrl);
    }

    private IActionResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>Reads client and scopes from the return URL, which must be our own authorization endpoint.</summary>
    private async Task<(ClientInfo Client, ImmutableArray<string> Scopes)?> LoadAsync(CancellationToken ct)
    {
        var query = AuthorizeReturnUrl.ParseQuery(ReturnUrl, Url);
        if (query is null)
        {
            return null;
        }
        var clientId = query.TryGetValue(Parameters.ClientId, out var id) ? id.ToString() : null;
        var client = string.IsNullOrEmpty(clientId) ? null : await clients.FindAsync(clientId, ct);
        var application = clientId is null ? null : await applications.FindByClientIdAsync(clientId, ct);
        if (client is null || application is null || client.Disabled)
        {
            return null;
        }

        var requested = query.TryGetValue(Parameters.Scope, out var scope)
            ? scope.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
        var allowed = new List<string>();
        foreach (var name in requested.Distinct(StringComparer.Ordinal))
        {
            if (name == OpenIddictConstants.Scopes.OpenId || await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + name, ct))
            {
                allowed.Add(name);
            }
        }

        return (client, allowed.ToImmutableArray());
    }
}
