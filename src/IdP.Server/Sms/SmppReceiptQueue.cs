using System.Threading.Channels;
using IdP.Smpp.Receipts;

namespace IdP.Server.Sms;

/// <summary>
/// A node's delivery receipts on their way to the SMS records: one bounded queue (<see cref="SmppGatewayOptions.ReceiptQueueCapacity"/>)
/// filled by the SMPP client's <c>DeliveryReceiptHandler</c> — which waits while it is full, so the client's own bounded
/// queue fills and the SMSC is answered ESME_RX_T_APPN instead of the node buffering without limit — and one consumer
/// applying them. A receipt that beats its record (the SMSC answers the submit and sends the receipt back to back), or
/// meets an unreachable database, is retried with growing delays for <see cref="SmppGatewayOptions.ReceiptRetryWindow"/>;
/// at most ReceiptQueueCapacity wait for a retry at once, past that a receipt is given up (logged once per burst).
/// </summary>
internal sealed class SmppReceiptQueue
{
    /// <summary>Applies one receipt (message id, stat, error) to the records; false when no record matches yet.</summary>
    public delegate Task<bool> Apply(DeliveryReceipt receipt, string stat, CancellationToken ct);

    private readonly Channel<PendingReceipt> _queue;
    private readonly Apply _apply;
    private readonly SmppGatewayOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;
    private Task _loop = Task.CompletedTask;
    private int _deferred;
    private int _givingUp;
    private long _givenUpInBurst;

    public SmppReceiptQueue(Apply apply, SmppGatewayOptions options, ILogger logger, TimeProvider time, CancellationToken stopping)
    {
        _apply = apply;
        _options = options;
        _logger = logger;
        _time = time;
        _stopping = stopping;
        _queue = Channel.CreateBounded<PendingReceipt>(new BoundedChannelOptions(options.ReceiptQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Applies receipts to the shared SMS records (a receipt may belong to a message another node sent).</summary>
    public static Apply ToRecords(IServiceScopeFactory scopes) => async (receipt, stat, ct) =>
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IdP.Authentication.Sms.SmsDeliveryRecords>().ApplyReceiptAsync(receipt.MessageId, stat, receipt.ErrorCode, ct);
    };

    /// <summary>Receipts waiting to be applied.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Receipts waiting for a retry.</summary>
    public int Deferred => Volatile.Read(ref _deferred);

    public void Start() => _loop = Task.Run(ProcessAsync, CancellationToken.None);

    /// <summary>The SMPP client's receipt handler: waits while the queue is full (back-pressure).</summary>
    public ValueTask EnqueueAsync(DeliveryReceipt receipt, CancellationToken ct) =>
        _queue.Writer.WriteAsync(new PendingReceipt(receipt, _time.GetTimestamp(), 0), ct);

    /// <summary>Takes no more receipts and lets the queued ones be applied, for up to <paramref name="wait"/>.</summary>
    public async Task CompleteAsync(TimeSpan wait)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(wait, _time);
        }
        catch (TimeoutException)
        {
            // Receipts still queued are lost to this node; the records keep their last state.
        }
    }

    private async Task ProcessAsync()
    {
        await foreach (var pending in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            var receipt = pending.Receipt;
            var stat = ReceiptStat.Of(receipt);
            if (string.IsNullOrWhiteSpace(receipt.MessageId))
            {
                SmppGatewayLog.ReceiptUnmatched(_logger, "(none)", stat);
                continue;
            }

            try
            {
                if (await _apply(receipt, stat, CancellationToken.None))
                {
                    SmppGatewayLog.ReceiptApplied(_logger, receipt.MessageId, stat);
                    LeaveRetries(pending);
                    continue;
                }
            }
            catch (Exception ex)
            {
                SmppGatewayLog.ReceiptFailed(_logger, receipt.MessageId, ex);
            }

            Defer(pending, stat);
        }
    }

    /// <summary>
    /// Schedules another try. A receipt holds its place among the retries from its first deferral until it is applied,
    /// its window ends or the node stops, so the retries in flight never exceed the capacity.
    /// </summary>
    private void Defer(PendingReceipt pending, string stat)
    {
        if (_time.GetElapsedTime(pending.FirstSeen) >= _options.ReceiptRetryWindow || _stopping.IsCancellationRequested)
        {
            SmppGatewayLog.ReceiptUnmatched(_logger, pending.Receipt.MessageId, stat);
            LeaveRetries(pending);
            return;
        }

        if (pending.Attempt == 0 && Interlocked.Increment(ref _deferred) > _options.ReceiptQueueCapacity)
        {
            Interlocked.Decrement(ref _deferred);
            Interlocked.Increment(ref _givenUpInBurst);
            if (Interlocked.Exchange(ref _givingUp, 1) == 0)
            {
                SmppGatewayLog.ReceiptRetriesFull(_logger, _options.ReceiptQueueCapacity, pending.Receipt.MessageId);
            }

            return;
        }

        var delay = TimeSpan.FromMilliseconds(Math.Min(100 * Math.Pow(2, pending.Attempt), 10_000));
        SmppGatewayLog.ReceiptDeferred(_logger, pending.Receipt.MessageId, stat, delay);
        _ = RequeueAsync(pending with { Attempt = pending.Attempt + 1 }, delay);
    }

    private async Task RequeueAsync(PendingReceipt pending, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stopping);
            await _queue.Writer.WriteAsync(pending, _stopping);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // Stopping: the SMSC resends unacknowledged receipts to the account's next session only if it wants to.
            LeaveRetries(pending);
        }
    }

    /// <summary>A receipt that was deferred leaves the retries; the burst of give-ups ends once they drained to half.</summary>
    private void LeaveRetries(PendingReceipt pending)
    {
        if (pending.Attempt == 0)
        {
            return;
        }

        if (Interlocked.Decrement(ref _deferred) <= _options.ReceiptQueueCapacity / 2 && Volatile.Read(ref _givingUp) == 1
            && Interlocked.Exchange(ref _givingUp, 0) == 1)
        {
            SmppGatewayLog.ReceiptRetriesDrained(_logger, Interlocked.Exchange(ref _givenUpInBurst, 0));
        }
    }

    private sealed record PendingReceipt(DeliveryReceipt Receipt, long FirstSeen, int Attempt);
}
