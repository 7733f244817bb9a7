namespace IdP.Smpp.Session;

/// <summary>
/// Admission of submits for the whole client: closed for a while after ESME_RTHROTTLED / ESME_RMSGQFUL (the whole
/// session pauses, jasmin #425), plus a token bucket at MaxTps (burst = one second's worth). The
/// <see cref="SubmitDispatcher"/> is its caller; waiters pass one at a time in arrival order.
/// </summary>
internal sealed class SubmitGate
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeProvider _time;
    private readonly double _maxTps;
    private readonly object _lock = new();
    private DateTimeOffset _pausedUntil;
    private double _tokens;
    private long _lastRefill;

    public SubmitGate(double maxTps, TimeProvider time)
    {
        _maxTps = maxTps;
        _time = time;
        _tokens = Math.Max(1, maxTps);
        _lastRefill = time.GetTimestamp();
    }

    public DateTimeOffset PausedUntil { get { lock (_lock) return _pausedUntil; } }

    /// <summary>Closes the gate until now + <paramref name="pause"/> (extends, never shortens, a running pause).</summary>
    public void Pause(TimeSpan pause)
    {
        lock (_lock)
        {
            var until = _time.GetUtcNow() + pause;
            if (until > _pausedUntil) _pausedUntil = until;
        }
    }

    /// <summary>Waits for this submit's turn: after any pause, and within the rate.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    wait = _pausedUntil - _time.GetUtcNow();
                    if (wait <= TimeSpan.Zero) wait = TakeToken();
                }
                if (wait <= TimeSpan.Zero) return;
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    // Returns zero when a token was taken, else how long until one is available.
    private TimeSpan TakeToken()
    {
        if (_maxTps <= 0) return TimeSpan.Zero;
        long now = _time.GetTimestamp();
        _tokens = Math.Min(Math.Max(1, _maxTps), _tokens + _time.GetElapsedTime(_lastRefill, now).TotalSeconds * _maxTps);
        _lastRefill = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return TimeSpan.Zero;
        }
        return TimeSpan.FromSeconds((1 - _tokens) / _maxTps);
    }
}
