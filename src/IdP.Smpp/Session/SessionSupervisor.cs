using IdP.Smpp.Logging;
using IdP.Smpp.Pdus;
using Microsoft.Extensions.Logging;

namespace IdP.Smpp.Session;

/// <summary>
/// Keeps the client bound: connect, bind (one transceiver, or a transmitter plus a receiver), wait for the
/// connection to drop, back off (exponential with jitter; much longer after credential errors), repeat. The back-off
/// starts again from the minimum only after a bind that lasted <see cref="SmppClientOptions.StableBindDuration"/>.
/// </summary>
internal sealed class SessionSupervisor
{
    private readonly SmppClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SmppClientCounters _counters;
    private readonly Func<DeliverSm, bool> _onDeliver;
    private readonly SessionStateMachine _state;
    private readonly object _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _boundSignal = NewSignal();
    private SmppSession? _transmitter;
    private SmppSession? _receiver;
    private Task _loop = Task.CompletedTask;
    private volatile bool _stopped;

    public SessionSupervisor(SmppClientOptions options, ILogger logger, TimeProvider time, SmppClientCounters counters,
        Func<DeliverSm, bool> onDeliver, Action<SmppSessionState, SmppSessionState, string> onStateChanged)
    {
        _options = options;
        _logger = logger;
        _time = time;
        _counters = counters;
        _onDeliver = onDeliver;
        _state = new SessionStateMachine(onStateChanged);
    }

    public SmppSessionState State => _state.State;

    public string? LastError { get; private set; }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Returns the bound session that sends submits, waiting up to <paramref name="timeout"/> for a bind.</summary>
    public async Task<SmppSession> WaitForTransmitterAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        while (true)
        {
            if (_stopped) throw new SmppNotBoundException("The SMPP client is stopped.");
            Task signal;
            lock (_lock)
            {
                if (_transmitter is { IsBound: true } session) return session;
                signal = _boundSignal.Task;
            }
            var remaining = timeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero) throw NotBound(timeout);
            try
            {
                // A completed signal with no bound session means the loss is not processed yet: poll briefly.
                await (signal.IsCompleted ? Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken) : signal.WaitAsync(remaining, _time, cancellationToken)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw NotBound(timeout);
            }
        }
    }

    public async Task StopAsync()
    {
        _stopped = true;
        _stop.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }
        await CloseSessionsAsync("stopped", graceful: true).ConfigureAwait(false);
    }

    private SmppNotBoundException NotBound(TimeSpan timeout) => new(
        $"Not bound to the SMSC {_options.Host}:{_options.Port} within {timeout.TotalSeconds:0.#} s; nothing was sent. Last error: {LastError ?? "none (still connecting)"}");

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectMinDelay, _options.ReconnectMaxDelay, _options.StableBindDuration);
        bool wasBound = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                await ConnectAndBindAsync(cancellationToken).ConfigureAwait(false);
                if (wasBound) _counters.IncrementReconnects();
                wasBound = true;
                LastError = null;
                long boundAt = _time.GetTimestamp();
                string reason = await WaitForLossAsync(cancellationToken).ConfigureAwait(false);
                var boundFor = _time.GetElapsedTime(boundAt);
                LastError = reason;
                await CloseSessionsAsync(reason, graceful: false).ConfigureAwait(false);
                delay = backoff.AfterSessionLost(boundFor);
                SmppLog.ConnectionLost(_logger, reason, boundFor, delay);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (SmppBindException ex) when (ex.IsCredentialError)
            {
                _counters.IncrementBindFailures();
                delay = _options.CredentialErrorDelay;
                LastError = ex.Message;
                SmppLog.BindCredentialsRejected(_logger, CommandStatusInfo.Describe(ex.Status), delay);
                await CloseSessionsAsync(ex.Message, graceful: false).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _counters.IncrementBindFailures();
                delay = backoff.Next();
                LastError = ex.Message;
                SmppLog.BindFailed(_logger, ex.Message, delay);
                await CloseSessionsAsync(ex.Message, graceful: false).ConfigureAwait(false);
            }
            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task ConnectAndBindAsync(CancellationToken cancellationToken)
    {
        void Opened() => _state.MoveTo(SmppSessionState.Open, "connected");
        switch (_options.BindMode)
        {
            case SmppBindMode.TransmitterAndReceiver:
                var tx = await OpenAsync(CommandId.BindTransmitter, "tx", Opened, cancellationToken).ConfigureAwait(false);
                lock (_lock) _transmitter = tx;
                var rx = await OpenAsync(CommandId.BindReceiver, "rx", Opened, cancellationToken).ConfigureAwait(false);
                lock (_lock) _receiver = rx;
                Bound(SmppSessionState.BoundTransmitter, $"bound to {tx.SmscSystemId} (transmitter + receiver)");
                break;
            case SmppBindMode.Transmitter:
                var transmitter = await OpenAsync(CommandId.BindTransmitter, "tx", Opened, cancellationToken).ConfigureAwait(false);
                lock (_lock) _transmitter = transmitter;
                Bound(SmppSessionState.BoundTransmitter, $"bound to {transmitter.SmscSystemId}");
                break;
            default:
                var trx = await OpenAsync(CommandId.BindTransceiver, "trx", Opened, cancellationToken).ConfigureAwait(false);
                lock (_lock) _transmitter = trx;
                Bound(SmppSessionState.BoundTransceiver, $"bound to {trx.SmscSystemId}");
                break;
        }
    }

    private async Task<SmppSession> OpenAsync(CommandId bindCommand, string name, Action onOpen, CancellationToken cancellationToken)
    {
        var session = await SmppSession.OpenAsync(_options, bindCommand, name, _logger, _time, _counters, _onDeliver, onOpen, cancellationToken).ConfigureAwait(false);
        _counters.IncrementBinds();
        return session;
    }

    private void Bound(SmppSessionState state, string reason)
    {
        _state.MoveTo(state, reason);
        lock (_lock) _boundSignal.TrySetResult();
    }

    private async Task<string> WaitForLossAsync(CancellationToken cancellationToken)
    {
        var closed = new List<Task<string>>();
        lock (_lock)
        {
            if (_transmitter is not null) closed.Add(_transmitter.Closed);
            if (_receiver is not null) closed.Add(_receiver.Closed);
        }
        var first = await Task.WhenAny(closed).WaitAsync(cancellationToken).ConfigureAwait(false);
        return await first.ConfigureAwait(false);
    }

    private async Task CloseSessionsAsync(string reason, bool graceful)
    {
        SmppSession? tx, rx;
        lock (_lock)
        {
            tx = _transmitter;
            rx = _receiver;
            _transmitter = _receiver = null;
            if (_boundSignal.Task.IsCompleted) _boundSignal = NewSignal();
        }
        if (graceful && SessionStateMachine.IsBound(_state.State))
        {
            _state.MoveTo(SmppSessionState.Unbinding, reason);
            var wait = TimeSpan.FromSeconds(5);
            await Task.WhenAll(tx?.UnbindAsync(wait) ?? Task.CompletedTask, rx?.UnbindAsync(wait) ?? Task.CompletedTask).ConfigureAwait(false);
        }
        if (tx is not null) await tx.DisposeAsync().ConfigureAwait(false);
        if (rx is not null) await rx.DisposeAsync().ConfigureAwait(false);
        _state.Close(reason);
    }
}
