namespace IdP.Data.Entities;

/// <summary>A run-time setting shared by every node (e.g. the default acr), changeable without restart.</summary>
public class ServerSetting
{
    public const string DefaultAcr = "default_acr";
    public const string AdminAcr = "admin_acr";

    /// <summary><c>on</c>: when a request states no acr preference, people choose among the allowed methods.</summary>
    public const string MethodChooser = "method_chooser";

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
