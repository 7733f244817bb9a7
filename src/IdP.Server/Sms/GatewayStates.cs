namespace IdP.Server.Sms;

/// <summary>
/// <see cref="Authentication.Sms.SmsGatewayStatus.State"/> values of <see cref="SmppGateway"/> besides the SMPP
/// session states (<c>BoundTransceiver</c>, <c>BoundTransmitter</c>) it reports while bound.
/// </summary>
public static class GatewayStates
{
    /// <summary>The settings were not read yet.</summary>
    public const string Starting = "Starting";

    /// <summary>The <c>smpp</c> script is disabled: no session, and none needed.</summary>
    public const string Disabled = "Disabled";

    /// <summary>Enabled, but without a system_id.</summary>
    public const string NotConfigured = nameof(SmppSettingsState.NotConfigured);

    /// <summary>Enabled, but the properties cannot make a session.</summary>
    public const string Misconfigured = nameof(SmppSettingsState.Misconfigured);

    /// <summary>The session is connecting or binding for the first time.</summary>
    public const string Connecting = "Connecting";

    /// <summary>The session is not bound and the last attempt failed; it retries in the background.</summary>
    public const string NotBound = "NotBound";

    /// <summary>The old session is being unbound because the connection properties changed.</summary>
    public const string Rebinding = "Rebinding";

    /// <summary>The node is stopping or stopped.</summary>
    public const string Stopped = "Stopped";

    /// <summary>The settings could not be read (database unreachable).</summary>
    public const string Unknown = "Unknown";
}
