namespace IdP.Authentication.Scripts;

/// <summary>
/// Chooses the acr of an authorization request (OIDC Core 3.1.2.1 and 5.5.1.1):
/// <list type="number">
/// <item>an essential <c>acr</c> from the <c>claims</c> parameter wins, and only its own values
/// (at or above the client's minimum) may satisfy it — otherwise the request fails with
/// <c>unmet_authentication_requirements</c> (RFC 9470 §5), never a weaker token;</item>
/// <item>else the first enabled, allowed value of <c>acr_values</c>, in the client's order of
/// preference (unknown voluntary values are ignored, never an error);</item>
/// <item>else the client's <c>default_acr_values</c>;</item>
/// <item>else the server's default acr;</item>
/// <item>else the weakest enabled method the client may use.</item>
/// </list>
/// A client minimum level raises a weaker choice to the weakest allowed method that meets it, or
/// refuses the request, per client setting. Pure: no I/O, so every rule is unit-tested.
/// </summary>
public static class AcrResolver
{
    public const string UnmetAuthenticationRequirements = "unmet_authentication_requirements";
    public const string AccessDenied = "access_denied";

    public static AcrResolution Resolve(
        IReadOnlyList<string> acrValues,
        IReadOnlyList<string>? essentialAcrValues,
        ClientAcrPolicy policy,
        string? serverDefaultAcr,
        AcrCatalog catalog)
    {
        if (essentialAcrValues is not null)
        {
            var essential = Choices(essentialAcrValues, policy, catalog)
                .Where(c => policy.MinimumLevel is not int min || c.Level >= min)
                .ToList();
            return essential.Count > 0
                ? new AcrResolution { Candidates = essential, IsEssential = true, Source = "claims", Acceptable = [.. essential.Select(c => c.Script)] }
                : new AcrResolution
                {
                    Error = UnmetAuthenticationRequirements,
                    ErrorDescription = $"None of the essential acr values ({string.Join(' ', essentialAcrValues)}) is available for this client.",
                    Source = "claims",
                };
        }

        var sources = new (string Source, IReadOnlyList<string> Values)[]
        {
            ("acr_values", acrValues),
            ("client_default", policy.DefaultAcrValues),
            ("server_default", serverDefaultAcr is null ? [] : [serverDefaultAcr]),
        };
        foreach (var (source, values) in sources)
        {
            var choices = Choices(values, policy, catalog);
            if (choices.Count > 0)
            {
                return ApplyMinimum(choices, source, policy, catalog);
            }
        }

        var weakest = Allowed(policy, catalog).FirstOrDefault();
        return weakest is null
            ? new AcrResolution { Error = AccessDenied, ErrorDescription = "No enabled authentication method is allowed for this client.", Source = "fallback" }
            : ApplyMinimum([new AcrChoice(weakest.Acr, weakest.Acr, weakest.Level)], "fallback", policy, catalog);
    }

    private static AcrResolution ApplyMinimum(List<AcrChoice> choices, string source, ClientAcrPolicy policy, AcrCatalog catalog)
    {
        var acceptable = AcceptableFor(policy, catalog);
        if (policy.MinimumLevel is not int minimum)
        {
            return new AcrResolution { Candidates = choices, Source = source, Acceptable = acceptable };
        }

        var meeting = choices.Where(c => c.Level >= minimum).ToList();
        if (meeting.Count > 0)
        {
            return new AcrResolution { Candidates = meeting, Source = source, Acceptable = acceptable };
        }

        var raised = policy.RaiseToMinimum ? Allowed(policy, catalog).FirstOrDefault(e => e.Level >= minimum) : null;
        return raised is null
            ? new AcrResolution
            {
                Error = AccessDenied,
                ErrorDescription = $"The requested authentication ({choices[0].ReportedAcr}) is below the minimum level {minimum} this client requires.",
                Source = source,
            }
            : new AcrResolution { Candidates = [new AcrChoice(raised.Acr, raised.Acr, raised.Level)], Source = source + "+raised", Acceptable = acceptable };
    }

    /// <summary>What a client accepts at all (its allowed list and minimum level); null when it states no rule.</summary>
    private static List<string>? AcceptableFor(ClientAcrPolicy policy, AcrCatalog catalog) =>
        policy.AllowedAcrs.Count == 0 && policy.MinimumLevel is null ? null : [.. Choosable(policy, catalog).Select(e => e.Acr)];

    private static List<AcrChoice> Choices(IReadOnlyList<string> values, ClientAcrPolicy policy, AcrCatalog catalog)
    {
        var choices = new List<AcrChoice>();
        foreach (var value in values)
        {
            var entry = catalog.Find(value);
            if (entry is not null && IsAllowed(entry, policy, catalog) && choices.TrueForAll(c => c.Script != entry.Acr))
            {
                choices.Add(new AcrChoice(value, entry.Acr, entry.Level));
            }
        }

        return choices;
    }

    private static IEnumerable<AcrEntry> Allowed(ClientAcrPolicy policy, AcrCatalog catalog) =>
        catalog.Enabled.Where(e => IsAllowed(e, policy, catalog));

    /// <summary>
    /// The methods a person may pick from for this client (allowed and at or above its minimum
    /// level), weakest first: what a method chooser offers.
    /// </summary>
    public static IReadOnlyList<AcrEntry> Choosable(ClientAcrPolicy policy, AcrCatalog catalog) =>
        Allowed(policy, catalog).Where(e => policy.MinimumLevel is not int min || e.Level >= min).ToList();

    /// <summary>A resolution for a method the person picked on the chooser (one of <see cref="Choosable"/>).</summary>
    public static AcrResolution Chosen(AcrEntry entry, ClientAcrPolicy policy, AcrCatalog catalog) =>
        new() { Candidates = [new AcrChoice(entry.Acr, entry.Acr, entry.Level)], Source = "chooser", Acceptable = AcceptableFor(policy, catalog) };

    /// <summary>
    /// Whether the method chooser may stand in for this resolution: it is on, the request is not essential, neither
    /// the request nor the client stated a preference (the server default or the fallback chose), and the client
    /// has more than one method to pick from. The chooser page offers and accepts exactly this.
    /// </summary>
    public static bool ChooserApplies(bool chooserEnabled, AcrResolution resolution, ClientAcrPolicy policy, AcrCatalog catalog) =>
        chooserEnabled && resolution.Succeeded && !resolution.IsEssential && resolution.Source is "server_default" or "fallback"
        && Choosable(policy, catalog).Count > 1;

    private static bool IsAllowed(AcrEntry entry, ClientAcrPolicy policy, AcrCatalog catalog) =>
        policy.AllowedAcrs.Count == 0 || policy.AllowedAcrs.Any(a => catalog.Find(a)?.Acr == entry.Acr);
}
