using IdP.Authentication.Scripts;

namespace IdP.Authentication.Engine;

/// <summary>The engine's database settings as one node sees them right now.</summary>
/// <param name="Catalog">Enabled scripts and aliases.</param>
/// <param name="DefaultAcr">The server's default acr.</param>
/// <param name="AdminAcr">The acr the admin console signs in with.</param>
/// <param name="EnabledAcrs">Enabled script names.</param>
/// <param name="MethodChooser">Offer a method chooser when a request states no acr preference.</param>
public sealed record EngineSnapshot(AcrCatalog Catalog, string DefaultAcr, string AdminAcr, IReadOnlySet<string> EnabledAcrs, bool MethodChooser)
{
    /// <summary>Stored property values per script (JSON objects, secrets still protected).</summary>
    public IReadOnlyDictionary<string, string> StoredProperties { get; init; } = new Dictionary<string, string>();
}
