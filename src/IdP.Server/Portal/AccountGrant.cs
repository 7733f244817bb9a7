namespace IdP.Server.Portal;

/// <summary>A grant the user gave a relying party (an OpenIddict authorization that is still valid).</summary>
public sealed record AccountGrant(string Id, string ClientName, IReadOnlyList<string> Scopes, DateTimeOffset? CreatedAt, string Type);
