using IdP.Authentication.BuiltIn;
using IdP.Authentication.Engine;
using IdP.Authentication.Phones;
using IdP.Authentication.Scripts;
using IdP.Authentication.Sms;
using IdP.Server.Session;
using Microsoft.Extensions.Options;

namespace IdP.Server.Portal;

/// <summary>
/// The freshness rule of the portal (NIST SP 800-63B §4.1.2: changing the number binds a new authenticator, so
/// the subscriber authenticates at the target level first): a phone may be added or removed only within
/// <see cref="AccountPortalOptions.FreshAuthenticationMinutes"/> of an active authentication at the user's
/// strongest available method. Otherwise the portal starts a sign-in flow for that method (step-up) that returns
/// to the page the user was on.
/// </summary>
public sealed class StepUpService(
    AcrSettingsStore acrSettings,
    ScriptRegistry registry,
    IUserPhoneReader phones,
    SignInFlowService flows,
    FlowCookie flowCookie,
    IOptions<AccountPortalOptions> options,
    TimeProvider time)
{
    public async Task<StepUpRequirement> EvaluateAsync(SessionInfo session, CancellationToken ct)
    {
        var snapshot = await acrSettings.GetSnapshotAsync(ct);
        var acr = await StrongestAcrAsync(session.Subject, snapshot, ct);
        var level = snapshot.Catalog.Find(acr)?.Level ?? 0;
        var freshUntil = session.AuthTime + options.Value.FreshAuthentication;
        var satisfied = freshUntil > time.GetUtcNow() && session.Level >= level;
        return new StepUpRequirement(acr, level, satisfied, freshUntil);
    }

    /// <summary>
    /// Starts the step-up sign-in flow and returns where to send the browser (the login page, with the
    /// username filled in). The completed flow signs a new session in (new <c>auth_time</c>) and returns to
    /// <paramref name="returnUrl"/>.
    /// </summary>
    public async Task<string> StartAsync(HttpContext http, StepUpRequirement requirement, string? username, string returnUrl, CancellationToken ct)
    {
        var snapshot = await acrSettings.GetSnapshotAsync(ct);
        // Essential: the step-up proves exactly the required method, never its alternative.
        var resolution = AcrResolver.Resolve([], [requirement.Acr], ClientAcrPolicy.None, snapshot.DefaultAcr, snapshot.Catalog);
        var flow = await flows.StartAsync(resolution, clientId: null, returnUrl, ct);
        flowCookie.Write(http, flow);
        return string.IsNullOrEmpty(username) ? "/account/login" : "/account/login?login_hint=" + Uri.EscapeDataString(username);
    }

    /// <summary>The verified numbers that receive sign-in codes (the <c>smpp</c> script's attribute).</summary>
    public async Task<IReadOnlyList<UserPhoneNumber>> VerifiedNumbersAsync(string userId, CancellationToken ct)
    {
        var settings = await SmppSettingsAsync(ct);
        var numbers = await phones.GetNumbersAsync(userId, settings.Attribute, ct);
        return [.. numbers.Where(n => n.Verified)];
    }

    /// <summary>The <c>smpp</c> script's configuration (code length, lifetime, attempts, template, phone attribute).</summary>
    public async Task<SmppScriptSettings> SmppSettingsAsync(CancellationToken ct) =>
        SmppScriptSettings.From(await acrSettings.GetConfigurationAsync(registry.Find(SmppScript.AcrValue)!.Script, ct));

    private async Task<string> StrongestAcrAsync(string userId, EngineSnapshot snapshot, CancellationToken ct)
    {
        if (snapshot.EnabledAcrs.Contains(SmppScript.AcrValue) && (await VerifiedNumbersAsync(userId, ct)).Count > 0)
        {
            return SmppScript.AcrValue;
        }

        return snapshot.EnabledAcrs.Contains(PasswordScript.AcrValue) ? PasswordScript.AcrValue : snapshot.DefaultAcr;
    }
}
