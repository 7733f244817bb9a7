using System.Collections.Concurrent;
using IdP.Smpp.Pdus;

namespace IdP.Smpp.Session;

/// <summary>
/// The window of in-flight requests of one connection: a semaphore bounds how many are outstanding, and a map
/// from sequence_number to a TaskCompletionSource completes each with its response. Only PDUs with bit 31 set
/// complete requests; anything unmatched is reported to the caller as late/unknown.
/// </summary>
internal sealed class RequestWindow
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<uint, Pending> _pending = new();
    private readonly SequenceNumberGenerator _sequence;
    private readonly TimeProvider _time;
    private readonly SmppClientCounters? _counters;
    private Exception? _closedWith;

    public RequestWindow(int size, TimeProvider time, SmppClientCounters? counters = null, uint sequenceStart = 0)
    {
        _slots = new SemaphoreSlim(size, size);
        _time = time;
        _counters = counters;
        _sequence = new SequenceNumberGenerator(sequenceStart);
    }

    public int InFlight => _pending.Count;

    public uint NextSequenceNumber() => _sequence.Next();

    /// <summary>Sends <paramref name="request"/> and waits for its response (acquires and releases a slot).</summary>
    /// <exception cref="SmppResponseTimeoutException">No response within <paramref name="timeout"/>.</exception>
    /// <exception cref="SmppConnectionLostException">The connection closed before the response.</exception>
    public async Task<Pdu> SendAsync(SmppConnection connection, Pdu request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAcquiredAsync(connection, request, timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Takes one slot of the window (waits while it is full).</summary>
    public async Task AcquireAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        _counters?.WindowAcquired();
    }

    /// <summary>Gives a slot back.</summary>
    public void Release()
    {
        _counters?.WindowReleased();
        _slots.Release();
    }

    /// <summary>Sends a request in a slot the caller holds and waits for its response; the caller releases the slot.</summary>
    /// <remarks>
    /// <paramref name="completeInline"/> lets the reader loop run the caller's continuation directly (one thread hop less
    /// per request); only for callers whose continuation never blocks.
    /// </remarks>
    public async Task<Pdu> SendAcquiredAsync(SmppConnection connection, Pdu request, TimeSpan timeout, CancellationToken cancellationToken, bool completeInline = false)
    {
        uint sequence = _sequence.Next();
        var pending = new Pending(completeInline);
        try
        {
            request.SequenceNumber = sequence;
            _pending[sequence] = pending;
            if (Volatile.Read(ref _closedWith) is not null || !connection.TrySend(request, pending.Written))
            {
                throw new SmppConnectionLostException("The connection is closed; the request was not sent.", wasWritten: false);
            }
            try
            {
                return await pending.Response.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new SmppResponseTimeoutException($"No response to {request.CommandId} seq {sequence} within {timeout.TotalSeconds:0.#} s.");
            }
        }
        finally
        {
            _pending.TryRemove(sequence, out _);
        }
    }

    /// <summary>Completes the request with this response's sequence number; false when none waits (late or unknown).</summary>
    public bool TryComplete(Pdu response)
    {
        if (!response.IsResponse) return false;
        return _pending.TryGetValue(response.SequenceNumber, out var pending) && pending.Response.TrySetResult(response);
    }

    /// <summary>Fails every waiting request: the connection is gone.</summary>
    public void FailAll(string reason)
    {
        Volatile.Write(ref _closedWith, new IOException(reason));
        foreach (var entry in _pending)
        {
            bool written = entry.Value.Written.Task.IsCompletedSuccessfully;
            entry.Value.Response.TrySetException(new SmppConnectionLostException($"Connection lost: {reason}", written));
        }
    }

    private sealed class Pending(bool completeInline)
    {
        public TaskCompletionSource<Pdu> Response { get; } = new(completeInline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
