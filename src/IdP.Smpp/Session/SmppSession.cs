using IdP.Smpp.Logging;
using IdP.Smpp.Pdus;
using Microsoft.Extensions.Logging;

namespace IdP.Smpp.Session;

/// <summary>
/// One bound ESME connection: binds, answers the SMSC's requests from the reader at once (enquire_link, deliver_sm,
/// unbind, anything unknown), sends requests through its <see cref="RequestWindow"/>, and keeps the link alive with
/// enquire_link when idle. A deliver_sm the client's bounded receipt queue cannot take is answered ESME_RX_T_APPN.
/// </summary>
internal sealed class SmppSession : IPduHandler, IAsyncDisposable
{
    private readonly SmppClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<DeliverSm, bool> _onDeliver;
    private readonly RequestWindow _window;
    private readonly SmppConnection _connection;
    private readonly CancellationTokenSource _cts = new();
    private Task _keepAlive = Task.CompletedTask;
    private int _consecutiveTimeouts;
    private volatile bool _bound;

    private SmppSession(Stream stream, SmppClientOptions options, CommandId bindCommand, string name, ILogger logger, TimeProvider time,
        SmppClientCounters? counters, Func<DeliverSm, bool> onDeliver)
    {
        _options = options;
        _logger = logger;
        _time = time;
        _onDeliver = onDeliver;
        BindCommand = bindCommand;
        _window = new RequestWindow(options.WindowSize, time, counters);
        _connection = new SmppConnection(stream, name, this, logger, time);
        _ = _connection.Closed.ContinueWith(t => OnClosed(t.Result), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public CommandId BindCommand { get; }

    public string Name => _connection.Name;

    public string SmscSystemId { get; private set; } = string.Empty;

    public bool IsBound => _bound && !_connection.IsClosed;

    public int InFlight => _window.InFlight;

    public Task<string> Closed => _connection.Closed;

    /// <summary>
    /// Connects, binds and starts the keep-alive. Throws on any failure, with the connection closed.
    /// <paramref name="onDeliver"/> takes each deliver_sm (and data_sm receipt) and says whether it was accepted.
    /// </summary>
    public static async Task<SmppSession> OpenAsync(SmppClientOptions options, CommandId bindCommand, string name, ILogger logger, TimeProvider time,
        SmppClientCounters? counters, Func<DeliverSm, bool> onDeliver, Action? onOpen, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.BindTimeout);
        Stream stream;
        try
        {
            stream = await SmppTransport.ConnectAsync(options, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Connecting to {options.Host}:{options.Port} took longer than {options.BindTimeout.TotalSeconds:0.#} s.");
        }
        var session = new SmppSession(stream, options, bindCommand, name, logger, time, counters, onDeliver);
        session._connection.Start();
        SmppLog.Connected(logger, name, options.Host, options.Port, options.UseTls);
        onOpen?.Invoke();
        try
        {
            var bind = new BindRequest(bindCommand)
            {
                SystemId = options.SystemId,
                Password = options.Password,
                SystemType = options.SystemType,
            };
            Pdu response;
            try
            {
                response = await session._window.SendAsync(session._connection, bind, options.BindTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (SmppConnectionLostException) when (session._connection.FramingError is { } framing)
            {
                throw framing;
            }
            if (response.CommandStatus != CommandStatus.Ok)
            {
                throw new SmppBindException(response.CommandStatus);
            }
            session.SmscSystemId = (response as BindResponse)?.SystemId ?? string.Empty;
            session._bound = true;
            SmppLog.Bound(logger, name, bindCommand, session.SmscSystemId);
            if (!options.UseTls && (stream as System.Net.Sockets.NetworkStream)?.Socket.RemoteEndPoint is System.Net.IPEndPoint remote
                && !options.IsPrivateAddress(remote.Address))
            {
                SmppLog.CleartextToPublicAddress(logger, name, options.Host, options.Port, remote.Address.ToString());
            }
            session._keepAlive = Task.Run(() => session.KeepAliveAsync(session._cts.Token), CancellationToken.None);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends a request and returns the response (or generic_nack), in a slot of its own.</summary>
    public async Task<Pdu> SendRequestAsync(Pdu request, CancellationToken cancellationToken)
    {
        await _window.AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SendAcquiredAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _window.Release();
        }
    }

    /// <summary>Takes a window slot; pair with <see cref="ReleaseSlot"/>.</summary>
    public Task AcquireSlotAsync(CancellationToken cancellationToken) => _window.AcquireAsync(cancellationToken);

    /// <summary>Gives a window slot back.</summary>
    public void ReleaseSlot() => _window.Release();

    /// <summary>Sends a request in a slot the caller holds. Counts consecutive timeouts and drops the link past the limit.</summary>
    public async Task<Pdu> SendAcquiredAsync(Pdu request, CancellationToken cancellationToken, bool completeInline = false)
    {
        try
        {
            var response = await _window.SendAcquiredAsync(_connection, request, _options.ResponseTimeout, cancellationToken, completeInline).ConfigureAwait(false);
            Interlocked.Exchange(ref _consecutiveTimeouts, 0);
            return response;
        }
        catch (SmppResponseTimeoutException)
        {
            int count = Interlocked.Increment(ref _consecutiveTimeouts);
            if (count >= _options.MaxConsecutiveTimeouts)
            {
                SmppLog.TooManyTimeouts(_logger, Name, count);
                Close($"{count} consecutive response timeouts");
            }
            throw;
        }
    }

    /// <summary>Sends unbind, waits up to <paramref name="wait"/> for unbind_resp, then closes.</summary>
    public async Task UnbindAsync(TimeSpan wait)
    {
        if (IsBound)
        {
            _bound = false;
            try
            {
                await _window.SendAsync(_connection, new Unbind(), wait, CancellationToken.None).ConfigureAwait(false);
                SmppLog.Unbound(_logger, Name);
            }
            catch (Exception ex) when (ex is TimeoutException or IOException)
            {
                // The SMSC did not answer in time or already left: closing is all that is left to do.
            }
        }
        Close("unbound");
    }

    public void Close(string reason)
    {
        _bound = false;
        _connection.Close(reason);
    }

    public async ValueTask DisposeAsync()
    {
        Close("disposed");
        _cts.Cancel();
        try
        {
            await _keepAlive.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected on close.
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    void IPduHandler.OnPdu(SmppConnection connection, Pdu pdu)
    {
        // Only PDUs with bit 31 set complete our requests: the SMSC numbers its own requests independently.
        if (pdu.IsResponse)
        {
            if (!_window.TryComplete(pdu)) SmppLog.UnexpectedResponse(_logger, Name, pdu.CommandId, pdu.SequenceNumber);
            return;
        }
        switch (pdu)
        {
            case EnquireLink:
                connection.TrySend(new EnquireLinkResp { SequenceNumber = pdu.SequenceNumber });
                break;
            case DeliverSm deliver:
                // Answered at once with status 0, even for receipts we cannot match (else the SMSC stalls and resends);
                // only a full receipt queue answers ESME_RX_T_APPN, a temporary error the SMSC retries later.
                connection.TrySend(new DeliverSmResp { SequenceNumber = pdu.SequenceNumber, CommandStatus = Accepted(_onDeliver(deliver)) });
                break;
            case DataSm data:
                // Some SMSCs send receipts as data_sm (esm_class 0x04 and/or receipted_message_id + message_state TLVs).
                bool isReceipt = (data.EsmClass & 0x3C) is 0x04 or 0x20 || data.Tlvs.ReceiptedMessageId is not null;
                connection.TrySend(new DataSmResp { SequenceNumber = pdu.SequenceNumber, CommandStatus = Accepted(!isReceipt || _onDeliver(AsDeliverSm(data))) });
                break;
            case Unbind:
                SmppLog.PeerUnbind(_logger, Name);
                _bound = false;
                connection.TrySend(new UnbindResp { SequenceNumber = pdu.SequenceNumber });
                _ = connection.FlushAndCloseAsync("peer sent unbind", TimeSpan.FromSeconds(2));
                break;
            default:
                SmppLog.UnknownCommand(_logger, Name, (uint)pdu.CommandId, pdu.SequenceNumber);
                connection.TrySend(new GenericNack { CommandStatus = CommandStatus.InvalidCommandId, SequenceNumber = pdu.SequenceNumber });
                break;
        }
    }

    private static CommandStatus Accepted(bool accepted) => accepted ? CommandStatus.Ok : CommandStatus.ReceiverTemporaryAppError;

    private static DeliverSm AsDeliverSm(DataSm data)
    {
        var deliver = new DeliverSm
        {
            SequenceNumber = data.SequenceNumber,
            SourceAddrTon = data.SourceAddrTon,
            SourceAddrNpi = data.SourceAddrNpi,
            SourceAddr = data.SourceAddr,
            DestAddrTon = data.DestAddrTon,
            DestAddrNpi = data.DestAddrNpi,
            DestinationAddr = data.DestinationAddr,
            EsmClass = (byte)(data.EsmClass | 0x04),
            DataCoding = data.DataCoding,
        };
        deliver.Tlvs.MessagePayload = data.Tlvs.MessagePayload;
        deliver.Tlvs.ReceiptedMessageId = data.Tlvs.ReceiptedMessageId;
        deliver.Tlvs.MessageState = data.Tlvs.MessageState;
        deliver.Tlvs.NetworkErrorCode = data.Tlvs.NetworkErrorCode;
        deliver.Tlvs.UserMessageReference = data.Tlvs.UserMessageReference;
        return deliver;
    }

    private void OnClosed(string reason)
    {
        _bound = false;
        _window.FailAll(reason);
        _cts.Cancel();
    }

    private async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = _options.EnquireLinkInterval - _connection.IdleTime;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                await _window.SendAsync(_connection, new EnquireLink(), _options.EnquireLinkTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (SmppResponseTimeoutException)
            {
                SmppLog.EnquireLinkTimeout(_logger, Name, _options.EnquireLinkTimeout);
                Close("enquire_link timeout");
                return;
            }
            catch (SmppConnectionLostException)
            {
                return;
            }
        }
    }
}
