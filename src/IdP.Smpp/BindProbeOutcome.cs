namespace IdP.Smpp;

/// <summary>The result class of <see cref="SmppClient.ProbeAsync"/>.</summary>
public enum BindProbeOutcome
{
    /// <summary>Connected and bound.</summary>
    Bound,
    /// <summary>The SMSC rejected system_id or password.</summary>
    CredentialsRejected,
    /// <summary>The SMSC rejected the bind for another reason.</summary>
    BindRejected,
    /// <summary>TCP connect failed (DNS, refused, unreachable).</summary>
    Unreachable,
    /// <summary>TLS handshake failed or one side speaks TLS and the other plain TCP.</summary>
    TlsMismatch,
    /// <summary>The peer does not speak SMPP (for example HTTP on the port).</summary>
    ProtocolMismatch,
    /// <summary>No answer within <see cref="SmppClientOptions.BindTimeout"/>.</summary>
    Timeout,
    /// <summary>The connection closed during the bind.</summary>
    ConnectionClosed,
}
