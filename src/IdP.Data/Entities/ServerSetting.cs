namespace IdP.Data.Entities;

/// <summary>A run-time setting shared by every node (e.g. the default acr), changeable without restart.</summary>
public class ServerSetting
{
    public const string DefaultAcr = "default_acr";
    public const string AdminAcr = "admin_acr";

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
