using System.Threading.Channels;
using IdP.Smpp.Logging;
using IdP.Smpp.Pdus;
using IdP.Smpp.Receipts;
using IdP.Smpp.Session;
using IdP.Smpp.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdP.Smpp;

/// <summary>
/// SMPP 3.4 ESME client: one long-lived bind (reconnected with backoff), a window of in-flight submits, throttling
/// and client-side TPS limit, delivery receipts correlated to submit ids. Thread-safe; create one per SMSC account.
/// </summary>
public sealed class SmppClient : IAsyncDisposable
{
    private readonly SmppClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SessionSupervisor _supervisor;
    private readonly SubmitGate _gate;
    private readonly ReceiptCorrelator _correlator;
    private readonly SubmitDispatcher _dispatcher;
    private readonly Channel<DeliverSm> _deliveries;
    private readonly CancellationTokenSource _handlerStop = new();
    private Task _receiptLoop = Task.CompletedTask;
    private ITimer? _receiptTimer;
    private int _releasing;
    private int _refusing;
    private long _refusedInBurst;
    private int _reference = Random.Shared.Next(ushort.MaxValue);
    private int _started;
    private int _stopped;

    /// <summary>Creates the client; nothing connects until <see cref="StartAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">The options are invalid (the message lists every problem).</exception>
    public SmppClient(SmppClientOptions options, ILogger<SmppClient>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _gate = new SubmitGate(_options.MaxTps, _time);
        _correlator = new ReceiptCorrelator(_options.MessageIdFormat, _options.ReceiptHoldTime, _time, maxHeld: _options.ReceiptHoldCapacity);
        _deliveries = Channel.CreateBounded<DeliverSm>(new BoundedChannelOptions(_options.DeliveryQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _supervisor = new SessionSupervisor(_options, _logger, _time, Counters, TryQueueDelivery, OnStateChanged);
        SmppMetrics.Register(Counters, _options.SystemId);
        _dispatcher = new SubmitDispatcher(_supervisor, _gate, _options, Counters, _logger, _time);
    }

    /// <summary>Raised on every session state change (on a background thread).</summary>
    public event EventHandler<SmppConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>Raised once per delivery receipt (per message id and state), off the reader thread.</summary>
    public event EventHandler<DeliveryReceipt>? DeliveryReceiptReceived;

    /// <summary>
    /// Optional consumer of delivery receipts, awaited after <see cref="DeliveryReceiptReceived"/> for each one, in the
    /// order they are raised. While it has not returned, further deliver_sm wait in a queue of
    /// <see cref="SmppClientOptions.DeliveryQueueCapacity"/>; once that is full they are answered ESME_RX_T_APPN, so a
    /// slow consumer (a database, say) pushes back on the SMSC instead of growing memory. Its token is cancelled when a
    /// stop gives up waiting for it (see <see cref="StopAsync"/>). Set it before <see cref="StartAsync"/>.
    /// </summary>
    public Func<DeliveryReceipt, CancellationToken, ValueTask>? DeliveryReceiptHandler { get; set; }

    /// <summary>deliver_sm / data_sm receipts waiting for the consumer (at most <see cref="SmppClientOptions.DeliveryQueueCapacity"/>).</summary>
    public int QueuedDeliveries => _deliveries.Reader.Count;

    /// <summary>The current session state.</summary>
    public SmppSessionState State => _supervisor.State;

    /// <summary>
    /// Why the last connect or bind attempt failed, or why the last bound session ended, in plain words; null while
    /// bound and before the first attempt. A failed TCP connect changes no state (the session stays Closed), so this
    /// is where a status page finds it.
    /// </summary>
    public string? LastError => _supervisor.LastError;

    /// <summary>Counters for metrics.</summary>
    public SmppClientCounters Counters { get; } = new();

    /// <summary>Starts the connect/bind/reconnect loop in the background and returns at once.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _started, 1) != 0) return Task.CompletedTask;
        foreach (string warning in _options.GetWarnings()) SmppLog.ConfigurationWarning(_logger, _options.SystemId, warning);
        _receiptLoop = Task.Run(ProcessDeliveriesAsync, CancellationToken.None);
        _receiptTimer = _time.CreateTimer(_ => ReleaseExpired(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _supervisor.Start();
        _dispatcher.Start();
        return Task.CompletedTask;
    }

    /// <summary>Waits until the client is bound (transmitter or transceiver).</summary>
    public async Task WaitUntilBoundAsync(CancellationToken cancellationToken) =>
        await _supervisor.WaitForTransmitterAsync(TimeSpan.FromDays(30), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Unbinds gracefully (waits up to 5 s for unbind_resp) and closes. Submits waiting for a bind fail. Receipts
    /// already queued are handed to the consumer for up to 5 s more; then (or when <paramref name="cancellationToken"/>
    /// fires) the <see cref="DeliveryReceiptHandler"/>'s token is cancelled and the rest are dropped.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        using var abandon = cancellationToken.Register(() => _handlerStop.Cancel());
        await _dispatcher.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await _supervisor.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        _deliveries.Writer.TryComplete();
        try
        {
            await _receiptLoop.WaitAsync(TimeSpan.FromSeconds(5), _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _handlerStop.CancelAsync().ConfigureAwait(false);
            await _receiptLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        _receiptTimer?.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>
    /// Sends a text, split into as many submit_sm as its encoding needs. Waits for a bind (up to
    /// <see cref="SmppClientOptions.BindWaitTimeout"/>), for a window slot, and through throttling pauses.
    /// </summary>
    /// <exception cref="SmppSubmitException">The SMSC rejected the message (see <see cref="SmppSubmitException.IsPermanent"/>).</exception>
    /// <exception cref="SmppOutcomeUnknownException">No response twice (the submit was retried once): it may or may not have been sent.</exception>
    /// <exception cref="SmppNotBoundException">No bind within <see cref="SmppClientOptions.BindWaitTimeout"/>; nothing was sent.</exception>
    public async Task<SubmitResult> SubmitAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Volatile.Read(ref _started) == 0) throw new InvalidOperationException("Call StartAsync before SubmitAsync.");
        var builder = new SubmitSmBuilder(_options);
        builder.Validate(message);
        ushort reference = (ushort)Interlocked.Increment(ref _reference);
        var encoded = SmsText.Encode(message.Text, _options.DataCoding, _options.ConcatenationMode, reference, _options.Gsm7Packed);
        string maskedDestination = SmppMasking.MaskAddress(message.Destination);
        var ids = new List<string>(encoded.Segments.Count);
        foreach (var segment in encoded.Segments)
        {
            var pdu = builder.Build(message, encoded, segment);
            string id;
            try
            {
                id = await SubmitSegmentAsync(pdu, maskedDestination, cancellationToken).ConfigureAwait(false);
            }
            catch (SmppSubmitException ex) when (ids.Count > 0)
            {
                throw new SmppSubmitException(ex.CommandStatus, ids);
            }
            SmppLog.SubmitAccepted(_logger, maskedDestination, segment.SequenceNumber, segment.TotalSegments, id);
            ids.Add(id);
            await RaiseAsync(_correlator.RegisterSubmitted(id)).ConfigureAwait(false);
        }
        return new SubmitResult(ids, encoded.Segments.Count, encoded.Encoding);
    }

    /// <summary>
    /// Connects and binds once with <paramref name="options"/>, unbinds, and reports in plain words what happened
    /// (bound with the SMSC's system_id, credentials rejected, host unreachable, TLS mismatch, timeout).
    /// </summary>
    public static Task<BindProbeResult> ProbeAsync(SmppClientOptions options, CancellationToken cancellationToken) =>
        BindProbe.RunAsync(options, TimeProvider.System, cancellationToken);

    private async Task<string> SubmitSegmentAsync(SubmitSm pdu, string destination, CancellationToken cancellationToken)
    {
        int unknownOutcomes = 0, temporaryErrors = 0, sessionErrors = 0;
        bool retry = false;
        while (true)
        {
            // Fail fast (nothing sent) when no bind comes within BindWaitTimeout.
            var session = await _supervisor.WaitForTransmitterAsync(_options.BindWaitTimeout, cancellationToken).ConfigureAwait(false);
            Pdu response;
            try
            {
                // Throttling is handled inside the dispatcher (pause + retry at the front of the queue).
                response = await _dispatcher.SubmitAsync(pdu, destination, retry, cancellationToken).ConfigureAwait(false);
            }
            catch (SmppResponseTimeoutException ex)
            {
                Counters.IncrementTimeouts();
                if (++unknownOutcomes > 1) throw OutcomeUnknown(destination, ex);
                SmppLog.SubmitTimedOut(_logger, destination, _options.ResponseTimeout, "retrying once");
                retry = true;
                continue;
            }
            catch (SmppConnectionLostException ex)
            {
                // Not written: safe to resend. Written: the SMSC may have it; that counts as the one retry.
                if (ex.WasWritten && ++unknownOutcomes > 1) throw OutcomeUnknown(destination, ex);
                SmppLog.SubmitConnectionLost(_logger, destination, ex.WasWritten ? "it had been sent: outcome unknown" : "it had not been sent");
                retry = true;
                continue;
            }
            var status = response.CommandStatus;
            switch (CommandStatusInfo.Classify(status))
            {
                case CommandStatusCategory.Ok:
                    Counters.IncrementSubmitted();
                    return (response as SubmitSmResp)?.MessageId ?? string.Empty;
                case CommandStatusCategory.SessionState when sessionErrors++ < 3:
                    session.Close($"{CommandStatusInfo.Name(status)} on submit: rebinding");
                    retry = true;
                    continue;
                case CommandStatusCategory.Temporary when temporaryErrors++ < 2:
                    SmppLog.SubmitTemporaryError(_logger, destination, CommandStatusInfo.Describe(status), temporaryErrors);
                    await Task.Delay(_options.ThrottlePause * temporaryErrors, _time, cancellationToken).ConfigureAwait(false);
                    retry = true;
                    continue;
                default:
                    Counters.IncrementSubmitErrors();
                    SmppLog.SubmitRejected(_logger, destination, CommandStatusInfo.Describe(status));
                    throw new SmppSubmitException(status);
            }
        }
    }

    private SmppOutcomeUnknownException OutcomeUnknown(string destination, Exception inner)
    {
        Counters.IncrementSubmitErrors();
        SmppLog.SubmitTimedOut(_logger, destination, _options.ResponseTimeout, "giving up after one retry");
        return new SmppOutcomeUnknownException(
            $"No response from the SMSC for a submit to {destination}, twice (it was retried once). It may or may not have been delivered; do not resend blindly.", inner);
    }

    /// <summary>On the reader thread: queues a deliver_sm for the receipt loop, or says no when the queue is full.</summary>
    private bool TryQueueDelivery(DeliverSm deliver)
    {
        if (_deliveries.Writer.TryWrite(deliver)) return true;
        Counters.IncrementDeliveriesRefused();
        Interlocked.Increment(ref _refusedInBurst);
        if (Interlocked.Exchange(ref _refusing, 1) == 0) SmppLog.DeliveryQueueFull(_logger, _options.SystemId, _options.DeliveryQueueCapacity);
        return false;
    }

    private async Task ProcessDeliveriesAsync()
    {
        await foreach (var deliver in _deliveries.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (Volatile.Read(ref _refusing) == 1 && _deliveries.Reader.Count <= _options.DeliveryQueueCapacity / 2 && Interlocked.Exchange(ref _refusing, 0) == 1)
            {
                SmppLog.DeliveryQueueDrained(_logger, _options.SystemId, Interlocked.Exchange(ref _refusedInBurst, 0));
            }
            if (!deliver.IsDeliveryReceipt)
            {
                SmppLog.MobileOriginatedIgnored(_logger, _options.SystemId, deliver.EsmClass);
                continue;
            }
            var receipt = DeliveryReceipt.FromDeliverSm(deliver);
            var ready = _correlator.Accept(receipt);
            if (ready.Count == 0) SmppLog.ReceiptHeld(_logger, receipt.MessageId);
            await RaiseAsync(ready).ConfigureAwait(false);
        }
    }

    /// <summary>The timer's tick: releases receipts whose hold ended; one batch at a time, so a slow consumer never piles up batches.</summary>
    private void ReleaseExpired()
    {
        if (Interlocked.Exchange(ref _releasing, 1) != 0) return;
        _ = ReleaseExpiredAsync();
    }

    private async Task ReleaseExpiredAsync()
    {
        try
        {
            await RaiseAsync(_correlator.ReleaseExpired()).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _releasing, 0);
        }
    }

    private async ValueTask RaiseAsync(IReadOnlyList<DeliveryReceipt> receipts)
    {
        foreach (var receipt in receipts)
        {
            Counters.IncrementReceipts();
            SmppLog.ReceiptRaised(_logger, receipt.MessageId, receipt.State, receipt.IsCorrelated);
            try
            {
                DeliveryReceiptReceived?.Invoke(this, receipt);
                if (DeliveryReceiptHandler is { } handler) await handler(receipt, _handlerStop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_handlerStop.IsCancellationRequested)
            {
                // The stop was abandoned: the consumer takes nothing more.
            }
            catch (Exception ex)
            {
                SmppLog.HandlerFailed(_logger, nameof(DeliveryReceiptReceived), ex);
            }
        }
    }

    private void OnStateChanged(SmppSessionState previous, SmppSessionState current, string reason)
    {
        SmppLog.StateChanged(_logger, previous, current, reason);
        try
        {
            ConnectionStateChanged?.Invoke(this, new SmppConnectionStateChangedEventArgs(previous, current, reason));
        }
        catch (Exception ex)
        {
            SmppLog.HandlerFailed(_logger, nameof(ConnectionStateChanged), ex);
        }
    }
}
