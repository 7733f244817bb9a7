namespace IdP.Data.Entities;

/// <summary>A run-time setting shared by every node (e.g. the default acr), changeable without restart.</summary>
public class ServerSetting
{
    public const string DefaultAcr = "default_acr";
    public const string AdminAcr = "admin_acr";

    /// <summary><c>on</c>: when a request states no acr preference, people choose among the allowed methods.</summary>
    public const string MethodChooser = "method_chooser";

    /// <summary>
    /// The SMS circuit breaker: empty or absent when closed; when tripped, the round-trip ("O") time until which
    /// every send is refused, followed by a space and the reason. Admins reset it (admin console, CLI).
    /// </summary>
    public const string SmsCircuitBreaker = "sms_breaker";

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
