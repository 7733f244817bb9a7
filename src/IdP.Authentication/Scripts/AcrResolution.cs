namespace IdP.Authentication.Scripts;

/// <summary>
/// The outcome of choosing an acr: the scripts to try, in order (the first is the one to run;
/// the rest are fallbacks when it cannot run for the user), or an OAuth error for the client.
/// </summary>
public sealed record AcrResolution
{
    public IReadOnlyList<AcrChoice> Candidates { get; init; } = [];

    /// <summary>True when the acr was requested as an essential claim: no weaker method may stand in.</summary>
    public bool IsEssential { get; init; }

    /// <summary>Where the choice came from (<c>claims</c>, <c>acr_values</c>, <c>client_default</c>, <c>server_default</c>), for logs.</summary>
    public string Source { get; init; } = "";

    /// <summary>OAuth error code when no acr can be chosen.</summary>
    public string? Error { get; init; }

    public string? ErrorDescription { get; init; }

    /// <summary>
    /// The scripts a flow for this resolution may end with, null for any enabled one: an essential request's own
    /// candidates; for a client with an allowed list or a minimum level, the methods it accepts. A script's
    /// alternative outside this set is never used, and a completed flow outside it never answers the request.
    /// </summary>
    public IReadOnlyList<string>? Acceptable { get; init; }

    /// <summary>True when a flow may end with <paramref name="script"/>.</summary>
    public bool Accepts(string script) => Acceptable is null || Acceptable.Contains(script, StringComparer.Ordinal);

    public bool Succeeded => Error is null && Candidates.Count > 0;

    public AcrChoice Primary => Candidates.Count > 0 ? Candidates[0] : throw new InvalidOperationException("No acr was chosen: " + ErrorDescription);
}
