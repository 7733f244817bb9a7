using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>
/// One server for the SMS classes, with the node's SMPP timings shortened (settings re-read every 200 ms and
/// not cached, heartbeat every second, reconnect within half a second) so that tests wait for events, not for defaults.
/// </summary>
public sealed class SmsServerFixture : IdPServerFixture
{
    public string NodeName { get; } = "sms-test-" + Guid.NewGuid().ToString("N")[..8];

    protected override void Configure(Dictionary<string, string> settings)
    {
        foreach (var (key, value) in FastGatewaySettings(NodeName))
        {
            settings[key] = value;
        }
    }

    public static Dictionary<string, string> FastGatewaySettings(string nodeName) => new(StringComparer.Ordinal)
    {
        ["IdP:Sms:NodeName"] = nodeName,
        ["IdP:Sms:SettingsPollInterval"] = "00:00:00.200",
        ["IdP:Sms:HeartbeatInterval"] = "00:00:01",
        ["IdP:Sms:BindWait"] = "00:00:02",
        ["IdP:Sms:BindTimeout"] = "00:00:05",
        ["IdP:Sms:ResponseTimeout"] = "00:00:05",
        ["IdP:Sms:ReconnectMinDelay"] = "00:00:00.200",
        ["IdP:Sms:ReconnectMaxDelay"] = "00:00:00.500",
        ["IdP:Sms:CredentialErrorDelay"] = "00:00:01",

        // No settings cache: a test changes several properties in a row, and a poll that read between two of them
        // could otherwise keep a mix of old and new values cached for the cache's 5 s.
        ["IdP:Authentication:SettingsCacheDuration"] = "00:00:00",
    };
}
