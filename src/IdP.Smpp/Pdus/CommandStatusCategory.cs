namespace IdP.Smpp.Pdus;

/// <summary>How the client reacts to a command_status (SMPP.md, "command_status, grouped by how our client should react").</summary>
public enum CommandStatusCategory
{
    /// <summary>ESME_ROK.</summary>
    Ok,
    /// <summary>Throttled or queue full: pause the whole session, then retry in order.</summary>
    Throttling,
    /// <summary>A temporary SMSC failure: the message may be retried later.</summary>
    Temporary,
    /// <summary>The session is not in the right state (rebind).</summary>
    SessionState,
    /// <summary>The bind credentials were rejected: back off for long and alert an operator.</summary>
    Credentials,
    /// <summary>The message itself is wrong: retrying it will not help.</summary>
    Permanent,
    /// <summary>A protocol error, usually seen in generic_nack.</summary>
    Protocol,
    /// <summary>Not classified.</summary>
    Unknown,
}
