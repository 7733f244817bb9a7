namespace IdP.Smpp.Session;

/// <summary>
/// Exponential backoff with full jitter between a minimum and a maximum delay. It starts again from the minimum only
/// after a bind that lasted <c>stableAfter</c>: an SMSC that accepts binds and drops them at once sees the delays grow
/// as if every bind had failed.
/// </summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private readonly TimeSpan _stableAfter;
    private int _attempt;

    public ReconnectBackoff(TimeSpan min, TimeSpan max, TimeSpan stableAfter)
    {
        _min = min;
        _max = max;
        _stableAfter = stableAfter;
    }

    /// <summary>The delay after a bound session ended, having lasted <paramref name="boundFor"/>.</summary>
    public TimeSpan AfterSessionLost(TimeSpan boundFor)
    {
        if (boundFor >= _stableAfter) _attempt = 0;
        return Next();
    }

    /// <summary>The next delay: min * 2^attempt capped at max, then a random value in [half, full] of it.</summary>
    public TimeSpan Next()
    {
        double ceiling = Math.Min(_max.TotalMilliseconds, _min.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30)));
        _attempt++;
        double jittered = ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2;
        return TimeSpan.FromMilliseconds(Math.Max(_min.TotalMilliseconds / 2, jittered));
    }
}
