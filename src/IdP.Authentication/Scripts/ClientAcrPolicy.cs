namespace IdP.Authentication.Scripts;

/// <summary>A relying party's acr rules.</summary>
public sealed record ClientAcrPolicy
{
    public static readonly ClientAcrPolicy None = new();

    /// <summary>The acrs the client may use; empty means all enabled ones.</summary>
    public IReadOnlyList<string> AllowedAcrs { get; init; } = [];

    /// <summary>The weakest level the client accepts.</summary>
    public int? MinimumLevel { get; init; }

    /// <summary>Below the minimum: raise to the weakest allowed method that meets it (true) or refuse (false).</summary>
    public bool RaiseToMinimum { get; init; } = true;

    /// <summary>OIDC Registration <c>default_acr_values</c>, in order of preference.</summary>
    public IReadOnlyList<string> DefaultAcrValues { get; init; } = [];
}
