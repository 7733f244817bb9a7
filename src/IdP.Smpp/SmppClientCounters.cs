namespace IdP.Smpp;

/// <summary>Thread-safe counters for metrics. Values only grow, except <see cref="WindowInUse"/>.</summary>
public sealed class SmppClientCounters
{
    private long _submitted;
    private long _submitErrors;
    private long _throttled;
    private long _receipts;
    private long _reconnects;
    private long _binds;
    private long _bindFailures;
    private long _timeouts;
    private long _windowInUse;
    private long _deliveriesRefused;

    /// <summary>submit_sm accepted by the SMSC (one per segment).</summary>
    public long Submitted => Interlocked.Read(ref _submitted);
    /// <summary>Submits that failed (rejected, or outcome unknown).</summary>
    public long SubmitErrors => Interlocked.Read(ref _submitErrors);
    /// <summary>Responses with ESME_RTHROTTLED or ESME_RMSGQFUL.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);
    /// <summary>Delivery receipts raised.</summary>
    public long Receipts => Interlocked.Read(ref _receipts);
    /// <summary>Times the connection was re-established after a loss.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);
    /// <summary>Successful binds.</summary>
    public long Binds => Interlocked.Read(ref _binds);
    /// <summary>Failed bind attempts (connect, TLS or bind_resp error).</summary>
    public long BindFailures => Interlocked.Read(ref _bindFailures);
    /// <summary>Requests that got no response in time.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);
    /// <summary>deliver_sm / data_sm answered ESME_RX_T_APPN because the receipt queue was full.</summary>
    public long DeliveriesRefused => Interlocked.Read(ref _deliveriesRefused);
    /// <summary>Requests currently in flight.</summary>
    public long WindowInUse => Interlocked.Read(ref _windowInUse);

    internal void IncrementSubmitted() => Interlocked.Increment(ref _submitted);
    internal void IncrementSubmitErrors() => Interlocked.Increment(ref _submitErrors);
    internal void IncrementThrottled() => Interlocked.Increment(ref _throttled);
    internal void IncrementReceipts() => Interlocked.Increment(ref _receipts);
    internal void IncrementReconnects() => Interlocked.Increment(ref _reconnects);
    internal void IncrementBinds() => Interlocked.Increment(ref _binds);
    internal void IncrementBindFailures() => Interlocked.Increment(ref _bindFailures);
    internal void IncrementTimeouts() => Interlocked.Increment(ref _timeouts);
    internal void IncrementDeliveriesRefused() => Interlocked.Increment(ref _deliveriesRefused);
    internal void WindowAcquired() => Interlocked.Increment(ref _windowInUse);
    internal void WindowReleased() => Interlocked.Decrement(ref _windowInUse);
}
