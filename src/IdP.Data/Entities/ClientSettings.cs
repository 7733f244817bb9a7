namespace IdP.Data.Entities;

/// <summary>
/// IdP-specific settings of a relying party that OpenIddict's application entity has no column
/// for. Keyed by the OpenIddict client_id.
/// </summary>
public class ClientSettings
{
    public string ClientId { get; set; } = "";

    /// <summary>Space-separated acr values used when the request names none (OIDC Registration <c>default_acr_values</c>).</summary>
    public string? DefaultAcrValues { get; set; }

    /// <summary>Space-separated acrs the client may use; empty means every enabled one.</summary>
    public string? AllowedAcrs { get; set; }

    /// <summary>The weakest acr level the client accepts.</summary>
    public int? MinimumAcrLevel { get; set; }

    /// <summary>Below the minimum: raise to the weakest allowed method that meets it (true) or refuse (false).</summary>
    public bool RaiseToMinimumLevel { get; set; } = true;

    /// <summary>A disabled client cannot start any flow.</summary>
    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
