namespace IdP.Smpp;

/// <summary>Raised when the client's session state changes.</summary>
public sealed class SmppConnectionStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event arguments.</summary>
    public SmppConnectionStateChangedEventArgs(SmppSessionState previous, SmppSessionState current, string? reason)
    {
        Previous = previous;
        Current = current;
        Reason = reason;
    }

    /// <summary>The state before.</summary>
    public SmppSessionState Previous { get; }

    /// <summary>The state now.</summary>
    public SmppSessionState Current { get; }

    /// <summary>Why (for example "bind rejected: ESME_RINVPASWD"), when known.</summary>
    public string? Reason { get; }
}
