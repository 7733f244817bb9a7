namespace IdP.Data.Entities;

/// <summary>
/// The database side of an authentication script: whether it is enabled and its property values
/// (JSON object of key → text). Scripts without a row use their defaults and are disabled,
/// except the built-in <c>pwd</c>.
/// </summary>
public class AuthenticationScriptSetting
{
    public string Acr { get; set; } = "";

    public bool Enabled { get; set; }

    /// <summary>Property values as a JSON object; secrets are stored protected by Data Protection.</summary>
    public string PropertiesJson { get; set; } = "{}";

    public DateTimeOffset UpdatedAt { get; set; }
}
