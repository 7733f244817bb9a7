using System.Diagnostics.CodeAnalysis;

namespace IdP.Smpp.Receipts;

/// <summary>
/// Correlates delivery receipts with submit_sm_resp message ids. Receipts that arrive before their submit_sm_resp
/// was handled are held for <c>holdTime</c> and released when the id shows up (or, unmatched, when the hold ends).
/// A receipt for an id and state already released is dropped, so SMSC resends raise one event. Thread-safe. Every
/// collection the SMSC can feed is bounded: held receipts by <c>maxHeld</c> (the oldest is released early), the
/// released (id, state) pairs remembered for de-duplication by <c>maxReleased</c> (the oldest are forgotten).
/// </summary>
internal sealed class ReceiptCorrelator
{
    private readonly object _gate = new();
    private readonly SmppMessageIdFormat _format;
    private readonly TimeSpan _holdTime;
    private readonly TimeSpan _retention;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _submittedByKey = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset Expires, string MessageId)> _submittedOrder = new();
    private readonly List<(DeliveryReceipt Receipt, DateTimeOffset Expires)> _held = [];
    private readonly Dictionary<string, DateTimeOffset> _released = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset Expires, string Key)> _releasedOrder = new();
    private readonly int _maxHeld;
    private readonly int _maxReleased;

    public ReceiptCorrelator(SmppMessageIdFormat format, TimeSpan holdTime, TimeProvider time, TimeSpan? retention = null, int maxHeld = 10_000,
        int maxReleased = 100_000)
    {
        _format = format;
        _holdTime = holdTime;
        _time = time;
        _retention = retention ?? TimeSpan.FromHours(24);
        _maxHeld = maxHeld;
        _maxReleased = maxReleased;
    }

    public int HeldCount { get { lock (_gate) return _held.Count; } }

    /// <summary>Released (id, state) pairs remembered to drop resends.</summary>
    public int RememberedCount { get { lock (_gate) return _released.Count; } }

    /// <summary>Records a submit_sm_resp id; returns held receipts that now match it, ready to raise.</summary>
    public IReadOnlyList<DeliveryReceipt> RegisterSubmitted(string messageId)
    {
        if (string.IsNullOrWhiteSpace(messageId)) return [];
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            foreach (string key in MessageIdKeys.For(messageId, SubmitHex))
            {
                _submittedByKey[key] = messageId;
            }
            _submittedOrder.Enqueue((now + _retention, messageId));
            var ready = new List<DeliveryReceipt>();
            for (int i = _held.Count - 1; i >= 0; i--)
            {
                if (TryMatch(_held[i].Receipt, out string? matched) && matched == messageId)
                {
                    AddIfNew(ready, _held[i].Receipt with { MessageId = matched, IsCorrelated = true }, now);
                    _held.RemoveAt(i);
                }
            }
            ready.Reverse();
            return ready;
        }
    }

    /// <summary>Correlates a receipt. Returns it (at most once per id and state) when matched; holds it otherwise.</summary>
    public IReadOnlyList<DeliveryReceipt> Accept(DeliveryReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            Prune(now);
            var ready = new List<DeliveryReceipt>();
            if (TryMatch(receipt, out string? matched))
            {
                AddIfNew(ready, receipt with { MessageId = matched, IsCorrelated = true }, now);
                return ready;
            }
            if (IsReleased(receipt.MessageId, receipt.State)) return ready;
            if (_held.Count >= _maxHeld)
            {
                AddIfNew(ready, _held[0].Receipt, now);
                _held.RemoveAt(0);
            }
            _held.Add((receipt, now + _holdTime));
            return ready;
        }
    }

    /// <summary>Releases held receipts whose hold time ended, uncorrelated (their own id).</summary>
    public IReadOnlyList<DeliveryReceipt> ReleaseExpired()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var ready = new List<DeliveryReceipt>();
            for (int i = 0; i < _held.Count; i++)
            {
                if (_held[i].Expires <= now)
                {
                    AddIfNew(ready, _held[i].Receipt, now);
                    _held.RemoveAt(i--);
                }
            }
            return ready;
        }
    }

    private bool SubmitHex => (_format & SmppMessageIdFormat.SubmitRespHex) != 0;

    private bool ReceiptHex => (_format & SmppMessageIdFormat.ReceiptHex) != 0;

    // receipted_message_id first, then the text id: (SMPP.md, correlation step 1).
    private bool TryMatch(DeliveryReceipt receipt, [NotNullWhen(true)] out string? messageId)
    {
        foreach (string? candidate in new[] { receipt.ReceiptedMessageIdRaw, receipt.TextMessageId, receipt.MessageId })
        {
            foreach (string key in MessageIdKeys.For(candidate, ReceiptHex))
            {
                if (_submittedByKey.TryGetValue(key, out messageId)) return true;
            }
        }
        messageId = null;
        return false;
    }

    private static string ReleasedKey(string messageId, MessageState state) => $"{messageId.Trim().ToUpperInvariant()}|{(int)state}";

    private bool IsReleased(string messageId, MessageState state) => _released.ContainsKey(ReleasedKey(messageId, state));

    private void AddIfNew(List<DeliveryReceipt> ready, DeliveryReceipt receipt, DateTimeOffset now)
    {
        string key = ReleasedKey(receipt.MessageId, receipt.State);
        if (!_released.TryAdd(key, now + _retention)) return;
        _releasedOrder.Enqueue((now + _retention, key));
        while (_released.Count > _maxReleased && _releasedOrder.TryDequeue(out var oldest)) _released.Remove(oldest.Key);
        ready.Add(receipt);
    }

    private void Prune(DateTimeOffset now)
    {
        while (_submittedOrder.TryPeek(out var entry) && entry.Expires <= now)
        {
            _submittedOrder.Dequeue();
            foreach (string key in MessageIdKeys.For(entry.MessageId, SubmitHex))
            {
                if (_submittedByKey.TryGetValue(key, out var id) && id == entry.MessageId) _submittedByKey.Remove(key);
            }
        }
        while (_releasedOrder.TryPeek(out var released) && released.Expires <= now)
        {
            _releasedOrder.Dequeue();
            _released.Remove(released.Key);
        }
    }
}
