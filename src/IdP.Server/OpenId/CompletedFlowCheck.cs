using IdP.Authentication.Engine;
using IdP.Authentication.Scripts;
using IdP.Data.Entities;

namespace IdP.Server.OpenId;

/// <summary>
/// Whether a sign-in flow that completed with this request's URL as its return address answers this request — the
/// one case where a session may count for a request although the login policy alone would ask again (the script fell
/// back to its alternative, a method was picked on the chooser, max_age is tiny). A flow is bound to the resolution
/// it was created for: it answers only when it was started for this client, ended with a method the request and the
/// client accept, and was started for this request's own acr (or picked on a chooser this request allows). Anything
/// else — a flow started by <c>/account/login</c>, a portal step-up, another client, a request whose demands changed —
/// never satisfies the request; the login policy then decides from the session, and runs the stricter method.
/// </summary>
public static class CompletedFlowCheck
{
    /// <summary>The acr tokens report when <paramref name="flow"/> answers the request; null when it does not.</summary>
    public static string? AnsweredAcr(LoginFlow flow, string clientId, AcrDemand demand, AcrCatalog catalog)
    {
        var resolution = demand.Resolution;
        if (!string.Equals(flow.ClientId, clientId, StringComparison.Ordinal) || flow.Error is not null || !resolution.Succeeded)
        {
            return null;
        }

        // The method the flow ended with must still be enabled and acceptable to the request and the client.
        if (catalog.Find(flow.ScriptAcr) is not { } achieved || achieved.Acr != flow.ScriptAcr || !resolution.Accepts(achieved.Acr))
        {
            return null;
        }

        if (resolution.IsEssential)
        {
            // OIDC Core 5.5.1.1: only one of the essential values, never a fallback.
            return flow.IsEssential && resolution.Candidates.Any(c => c.Script == achieved.Acr) ? flow.ReportedAcr : null;
        }

        var started = SignInFlowService.CandidatesOf(flow);
        if (started.Count == 0)
        {
            return null;
        }

        var ownRequest = started[0].Script == resolution.Primary.Script;
        var pickedOnChooser = demand.ChooserApplies && started.Count == 1;
        return ownRequest || pickedOnChooser ? flow.ReportedAcr : null;
    }
}
