namespace IdP.Server.Sms;

/// <summary>Where the <c>smpp</c> script's configuration stands, as far as an SMPP session is concerned.</summary>
public enum SmppSettingsState
{
    /// <summary>Enabled or not, with a system_id and valid properties: a session can bind.</summary>
    Configured,

    /// <summary>No system_id set.</summary>
    NotConfigured,

    /// <summary>A stored property is invalid, or the properties do not make valid SMPP settings.</summary>
    Misconfigured,

    /// <summary>No script named <c>smpp</c> is registered.</summary>
    Missing,
}
