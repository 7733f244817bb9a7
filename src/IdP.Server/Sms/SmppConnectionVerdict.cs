namespace IdP.Server.Sms;

/// <summary>What a connection test found.</summary>
public enum SmppConnectionVerdict
{
    /// <summary>Connected and bound (then unbound again).</summary>
    Bound,

    /// <summary>The SMSC rejected system_id or password.</summary>
    CredentialsRejected,

    /// <summary>The SMSC rejected the bind for another reason.</summary>
    BindRejected,

    /// <summary>Nothing listens on the port (TCP connection refused).</summary>
    ConnectionRefused,

    /// <summary>The host cannot be reached or its name does not resolve.</summary>
    Unreachable,

    /// <summary>One side speaks TLS and the other plain TCP, or the handshake failed.</summary>
    TlsMismatch,

    /// <summary>The peer does not speak SMPP (for example HTTP on the port).</summary>
    NotSmpp,

    /// <summary>No answer within the bind timeout.</summary>
    Timeout,

    /// <summary>The SMSC closed the connection during the bind.</summary>
    ConnectionClosed,

    /// <summary>The <c>smpp</c> script has no system_id.</summary>
    NotConfigured,

    /// <summary>The properties are invalid.</summary>
    InvalidSettings,
}
