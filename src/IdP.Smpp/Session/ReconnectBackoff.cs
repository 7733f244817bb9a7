namespace IdP.Smpp.Session;

/// <summary>Exponential backoff with full jitter between a minimum and a maximum delay.</summary>
internal sealed class ReconnectBackoff
{
    private readonly TimeSpan _min;
    private readonly TimeSpan _max;
    private int _attempt;

    public ReconnectBackoff(TimeSpan min, TimeSpan max)
    {
        _min = min;
        _max = max;
    }

    public void Reset() => _attempt = 0;

    /// <summary>The next delay: min * 2^attempt capped at max, then a random value in [half, full] of it.</summary>
    public TimeSpan Next()
    {
        double ceiling = Math.Min(_max.TotalMilliseconds, _min.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30)));
        _attempt++;
        double jittered = ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2;
        return TimeSpan.FromMilliseconds(Math.Max(_min.TotalMilliseconds / 2, jittered));
    }
}
