using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using IdP.Server.OpenId;
using IdP.Server.Session;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;

namespace IdP.Server.Pages.Account;

/// <summary>
/// The method chooser (<c>acr chooser on</c>): when a request states no acr preference, the person
/// picks one of the methods the client allows; the chosen script's flow then starts as usual.
/// </summary>
public sealed class ChooseModel(
    ClientDirectory clients,
    AcrSettingsStore acrSettings,
    ScriptRegistry registry,
    SignInFlowService flows,
    FlowCookie flowCookie) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string ReturnUrl { get; set; } = "";

    public IReadOnlyList<(string Acr, string DisplayName)> Methods { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var choices = await ChoicesAsync(ct);
        if (choices is null)
        {
            return BadRequest();
        }

        Methods = choices.Value.Entries.Select(e => (e.Acr, registry.Find(e.Acr)?.Script.DisplayName ?? e.Acr)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? acr, CancellationToken ct)
    {
        // Exactly what the GET offers: a chooser the request allows, and one of its methods. Anything else (an
        // essential acr in the claims parameter, acr_values, a client preference, the chooser off) would let a
        // person pick a weaker method than the request demands.
        var choices = await ChoicesAsync(ct);
        var entry = choices?.Entries.FirstOrDefault(e => e.Acr == acr);
        if (choices is null || entry is null)
        {
            return BadRequest();
        }

        var (clientId, _, policy, catalog) = choices.Value;
        var flow = await flows.StartAsync(AcrResolver.Chosen(entry, policy, catalog), clientId, ReturnUrl, ct);
        flowCookie.Write(HttpContext, flow);
        Response.Headers.Location = "/account/login?returnUrl=" + Uri.EscapeDataString(ReturnUrl);
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>
    /// The client named by the return URL (our own authorization endpoint only) and its choosable methods — null
    /// unless the request, read as the authorization endpoint reads it, lets the person choose.
    /// </summary>
    private async Task<(string ClientId, IReadOnlyList<AcrEntry> Entries, ClientAcrPolicy Policy, AcrCatalog Catalog)?> ChoicesAsync(CancellationToken ct)
    {
        var query = AuthorizeReturnUrl.ParseQuery(ReturnUrl, Url);
        if (query is null)
        {
            return null;
        }

        var request = new OpenIddictRequest(query.Select(p => new KeyValuePair<string, StringValues>(p.Key, p.Value)));
        var client = string.IsNullOrEmpty(request.ClientId) ? null : await clients.FindAsync(request.ClientId, ct);
        if (client is null || client.Disabled)
        {
            return null;
        }

        var snapshot = await acrSettings.GetSnapshotAsync(ct);
        return AcrDemand.Of(request, client, snapshot).ChooserApplies
            ? (client.ClientId, AcrResolver.Choosable(client.AcrPolicy, snapshot.Catalog), client.AcrPolicy, snapshot.Catalog)
            : null;
    }
}
