namespace IdP.Smpp.Session;

/// <summary>sequence_number allocation: 1..0x7FFFFFFF, then wraps to 1 (SMPP 3.4 section 3.2).</summary>
internal sealed class SequenceNumberGenerator
{
    public const uint Max = 0x7FFFFFFF;
    private uint _last;

    public SequenceNumberGenerator(uint start = 0) => _last = start;

    public uint Next()
    {
        while (true)
        {
            uint current = Volatile.Read(ref _last);
            uint next = current >= Max ? 1 : current + 1;
            if (Interlocked.CompareExchange(ref _last, next, current) == current) return next;
        }
    }
}
