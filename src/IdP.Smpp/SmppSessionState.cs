namespace IdP.Smpp;

/// <summary>The state of an SMPP session (SMPP 3.4 section 2.2).</summary>
public enum SmppSessionState
{
    /// <summary>No connection.</summary>
    Closed,
    /// <summary>Connected (TCP/TLS), not bound yet.</summary>
    Open,
    /// <summary>Bound as transmitter (also reported when separate TX+RX connections are bound).</summary>
    BoundTransmitter,
    /// <summary>Bound as receiver.</summary>
    BoundReceiver,
    /// <summary>Bound as transceiver.</summary>
    BoundTransceiver,
    /// <summary>unbind sent, waiting for unbind_resp.</summary>
    Unbinding,
}
