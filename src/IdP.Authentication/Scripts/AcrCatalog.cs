namespace IdP.Authentication.Scripts;

/// <summary>
/// The enabled scripts and the aliases that name them (e.g. <c>urn:idp:acr:smpp</c> →
/// <c>smpp</c>): what <see cref="AcrResolver"/> chooses from and what discovery publishes.
/// </summary>
public sealed class AcrCatalog
{
    private readonly Dictionary<string, AcrEntry> _byAcr;
    private readonly Dictionary<string, string> _aliases;

    public AcrCatalog(IEnumerable<AcrEntry> enabled, IReadOnlyDictionary<string, string>? aliases = null)
    {
        _byAcr = enabled.ToDictionary(e => e.Acr, StringComparer.Ordinal);
        _aliases = new Dictionary<string, string>(aliases ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        Enabled = _byAcr.Values.OrderBy(e => e.Level).ThenBy(e => e.Acr, StringComparer.Ordinal).ToList();
    }

    /// <summary>Enabled scripts, weakest first (the order of <c>acr_values_supported</c>).</summary>
    public IReadOnlyList<AcrEntry> Enabled { get; }

    /// <summary>Alias → script acr, for aliases whose script is enabled.</summary>
    public IReadOnlyDictionary<string, string> Aliases => _aliases.Where(a => _byAcr.ContainsKey(a.Value)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);

    /// <summary>Finds the enabled script a requested value names, directly or through an alias.</summary>
    public AcrEntry? Find(string requested) =>
        _byAcr.TryGetValue(requested, out var entry) ? entry
        : _aliases.TryGetValue(requested, out var target) && _byAcr.TryGetValue(target, out entry) ? entry
        : null;
}
