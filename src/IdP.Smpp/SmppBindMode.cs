namespace IdP.Smpp;

/// <summary>How the client binds.</summary>
public enum SmppBindMode
{
    /// <summary>One bind_transceiver connection (default).</summary>
    Transceiver,
    /// <summary>Two connections: bind_transmitter for submits and bind_receiver for delivery receipts.</summary>
    TransmitterAndReceiver,
    /// <summary>One bind_transmitter connection; no delivery receipts are received.</summary>
    Transmitter,
}
