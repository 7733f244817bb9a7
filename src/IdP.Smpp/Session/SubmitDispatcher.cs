using IdP.Smpp.Logging;
using IdP.Smpp.Pdus;
using Microsoft.Extensions.Logging;

namespace IdP.Smpp.Session;

/// <summary>
/// The one loop that sends submit_sm, so that the order of <see cref="SmppClient.SubmitAsync"/> calls is the order on
/// the wire. Per send it takes a window slot first, then waits out any throttling pause and the MaxTps bucket, and
/// only then picks the first queued submit. A response of ESME_RTHROTTLED / ESME_RMSGQFUL pauses the whole queue
/// and puts that submit back at the front <em>before</em> its slot is released, so nothing overtakes it
/// (jasmin #425). Other outcomes go back to the caller.
/// </summary>
internal sealed class SubmitDispatcher
{
    private static readonly TimeSpan MaxThrottlePause = TimeSpan.FromSeconds(30);

    private readonly SessionSupervisor _supervisor;
    private readonly SubmitGate _gate;
    private readonly SmppClientOptions _options;
    private readonly SmppClientCounters _counters;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly LinkedList<SubmitWork> _queue = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public SubmitDispatcher(SessionSupervisor supervisor, SubmitGate gate, SmppClientOptions options, SmppClientCounters counters, ILogger logger, TimeProvider time)
    {
        _time = time;
        _supervisor = supervisor;
        _gate = gate;
        _options = options;
        _counters = counters;
        _logger = logger;
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async Task StopAsync()
    {
        _stop.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }
        lock (_queue)
        {
            foreach (var work in _queue) work.Completion.TrySetException(new SmppNotBoundException("The SMPP client stopped before the message was sent."));
            _queue.Clear();
        }
    }

    /// <summary>
    /// Queues a submit and returns its response (any status but throttling). <paramref name="first"/> puts it ahead of
    /// everything queued (used for the one retry of a submit whose outcome was unknown).
    /// </summary>
    public async Task<Pdu> SubmitAsync(SubmitSm pdu, string destination, bool first, CancellationToken cancellationToken)
    {
        var work = new SubmitWork(pdu, destination, cancellationToken);
        Enqueue(work, first);
        using var registration = cancellationToken.Register(() => work.Completion.TrySetCanceled(cancellationToken));
        // A queued submit waits for a (re)bind at most BindWaitTimeout; once sent, only the response timeout applies.
        while (!work.Completion.Task.IsCompleted)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(_options.BindWaitTimeout, _time, tick.Token);
            if (await Task.WhenAny(work.Completion.Task, delay).ConfigureAwait(false) == work.Completion.Task)
            {
                tick.Cancel();
                break;
            }
            if (!SessionStateMachine.IsBound(_supervisor.State)) CancelIfQueued(work);
        }
        return await work.Completion.Task.ConfigureAwait(false);
    }

    private void CancelIfQueued(SubmitWork work)
    {
        lock (_queue)
        {
            if (work.Taken) return;
            work.Completion.TrySetException(new SmppNotBoundException(
                $"Not bound to the SMSC {_options.Host}:{_options.Port} for {_options.BindWaitTimeout.TotalSeconds:0.#} s while the message waited; it was not sent. Last error: {_supervisor.LastError ?? "none"}"));
        }
    }

    private void Enqueue(SubmitWork work, bool first)
    {
        lock (_queue)
        {
            if (first) _queue.AddFirst(work);
            else _queue.AddLast(work);
        }
        _available.Release();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await _available.WaitAsync(stop).ConfigureAwait(false);
            SmppSession session;
            try
            {
                session = await _supervisor.WaitForTransmitterAsync(TimeSpan.FromDays(30), stop).ConfigureAwait(false);
                await session.AcquireSlotAsync(stop).ConfigureAwait(false);
            }
            catch (SmppNotBoundException)
            {
                return;
            }
            bool sent = false;
            try
            {
                await _gate.WaitAsync(stop).ConfigureAwait(false);
                if (!session.IsBound)
                {
                    _available.Release(); // the item stays queued for the next bind
                    continue;
                }
                var work = TakeFirst();
                if (work is null) continue; // a count left over by a cancelled item
                sent = true;
                _ = SendAsync(session, work);
            }
            finally
            {
                if (!sent) session.ReleaseSlot();
            }
        }
    }

    // Every enqueue adds one count; cancelled items are dropped here without consuming one, so the count never
    // falls below the number of live items (a spare count only causes one empty pass).
    private SubmitWork? TakeFirst()
    {
        lock (_queue)
        {
            while (_queue.First is { } node)
            {
                _queue.RemoveFirst();
                if (!node.Value.Completion.Task.IsCompleted)
                {
                    node.Value.Taken = true;
                    return node.Value;
                }
            }
            return null;
        }
    }

    private async Task SendAsync(SmppSession session, SubmitWork work)
    {
        try
        {
            Pdu response;
            try
            {
                // Inline: the code below only classifies, re-queues or completes (asynchronously) and releases the slot.
                response = await session.SendAcquiredAsync(work.Pdu, work.CancellationToken, completeInline: true).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                work.Completion.TrySetException(ex);
                return;
            }
            if (CommandStatusInfo.Classify(response.CommandStatus) == CommandStatusCategory.Throttling)
            {
                _counters.IncrementThrottled();
                var pause = TimeSpan.FromTicks(Math.Min(MaxThrottlePause.Ticks, _options.ThrottlePause.Ticks * (1L << Math.Min(work.Throttles++, 10))));
                SmppLog.SubmitThrottled(_logger, work.Destination, CommandStatusInfo.Name(response.CommandStatus), pause);
                _gate.Pause(pause);
                lock (_queue) work.Taken = false;
                Enqueue(work, first: true);
                return;
            }
            work.Completion.TrySetResult(response);
        }
        finally
        {
            session.ReleaseSlot();
        }
    }

    private sealed class SubmitWork(SubmitSm pdu, string destination, CancellationToken cancellationToken)
    {
        public SubmitSm Pdu { get; } = pdu;

        public string Destination { get; } = destination;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public int Throttles { get; set; }

        /// <summary>Taken by the loop for sending (guarded by the queue lock).</summary>
        public bool Taken { get; set; }

        public TaskCompletionSource<Pdu> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
