namespace IdP.Server.Admin;

/// <summary>A relying party to register, as given on the command line or by seeding.</summary>
public sealed class ClientSpec
{
    public string ClientId { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Null for a public client (PKCE, no secret).</summary>
    public string? Secret { get; set; }

    public bool Public { get; set; }

    public List<string> RedirectUris { get; set; } = [];

    public List<string> PostLogoutRedirectUris { get; set; } = [];

    /// <summary><c>explicit</c> (ask the user) or <c>implicit</c> (first-party: no consent page).</summary>
    public string Consent { get; set; } = "explicit";

    public List<string> Scopes { get; set; } = ["openid", "profile", "email", "phone", "offline_access"];

    /// <summary>PKCE is required unless an admin turns it off, which only a confidential client may.</summary>
    public bool RequirePkce { get; set; } = true;

    /// <summary>acr values used when a request names none (OIDC Registration <c>default_acr_values</c>).</summary>
    public List<string> DefaultAcrValues { get; set; } = [];

    /// <summary>The acrs the client may use; empty means every enabled one.</summary>
    public List<string> AllowedAcrs { get; set; } = [];

    /// <summary>The weakest acr level the client accepts.</summary>
    public int? MinimumAcrLevel { get; set; }

    /// <summary>Refuse requests below the minimum instead of raising them.</summary>
    public bool RefuseBelowMinimum { get; set; }

    /// <summary>Allow the client_credentials grant (confidential clients only).</summary>
    public bool AllowClientCredentials { get; set; }
}
