namespace IdP.Smpp.Session;

/// <summary>
/// The client's session state (Closed → Open → Bound → Unbinding → Closed) with the allowed transitions as data.
/// Raises a callback on every change; a transition the table does not allow is a bug and throws.
/// </summary>
internal sealed class SessionStateMachine
{
    private static readonly Dictionary<SmppSessionState, SmppSessionState[]> Allowed = new()
    {
        [SmppSessionState.Closed] = [SmppSessionState.Open],
        [SmppSessionState.Open] = [SmppSessionState.BoundTransmitter, SmppSessionState.BoundReceiver, SmppSessionState.BoundTransceiver, SmppSessionState.Closed],
        [SmppSessionState.BoundTransmitter] = [SmppSessionState.Unbinding, SmppSessionState.Closed],
        [SmppSessionState.BoundReceiver] = [SmppSessionState.Unbinding, SmppSessionState.Closed],
        [SmppSessionState.BoundTransceiver] = [SmppSessionState.Unbinding, SmppSessionState.Closed],
        [SmppSessionState.Unbinding] = [SmppSessionState.Closed],
    };

    private readonly object _lock = new();
    private readonly Action<SmppSessionState, SmppSessionState, string> _changed;
    private SmppSessionState _state = SmppSessionState.Closed;

    public SessionStateMachine(Action<SmppSessionState, SmppSessionState, string> changed) => _changed = changed;

    public SmppSessionState State { get { lock (_lock) return _state; } }

    public static bool IsBound(SmppSessionState state) =>
        state is SmppSessionState.BoundTransmitter or SmppSessionState.BoundReceiver or SmppSessionState.BoundTransceiver;

    public static bool CanTransition(SmppSessionState from, SmppSessionState to) => Allowed[from].Contains(to);

    /// <summary>Moves to <paramref name="next"/>; a no-op when already there.</summary>
    public void MoveTo(SmppSessionState next, string reason)
    {
        SmppSessionState previous;
        lock (_lock)
        {
            previous = _state;
            if (previous == next) return;
            if (!CanTransition(previous, next))
            {
                throw new InvalidOperationException($"SMPP session cannot go from {previous} to {next}.");
            }
            _state = next;
        }
        _changed(previous, next, reason);
    }

    /// <summary>Moves to Closed from any state (connection loss can happen anywhere).</summary>
    public void Close(string reason)
    {
        SmppSessionState previous;
        lock (_lock)
        {
            previous = _state;
            if (previous == SmppSessionState.Closed) return;
            _state = SmppSessionState.Closed;
        }
        _changed(previous, SmppSessionState.Closed, reason);
    }
}
