namespace IdP.Server.OpenId;

/// <summary>When and how the user last actively authenticated: what tokens report as auth_time, acr and amr.</summary>
public sealed record AuthenticationFacts(DateTimeOffset AuthTime, string Acr, IReadOnlyList<string> Amr)
{
    /// <summary>Claims the authentication script added (released in id_tokens and access tokens).</summary>
    public IReadOnlyDictionary<string, string> ScriptClaims { get; init; } = new Dictionary<string, string>();
}
