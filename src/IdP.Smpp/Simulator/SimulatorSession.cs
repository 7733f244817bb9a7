using System.Globalization;
using IdP.Smpp.Logging;
using IdP.Smpp.Pdus;
using IdP.Smpp.Receipts;
using IdP.Smpp.Session;
using IdP.Smpp.Text;
using Microsoft.Extensions.Logging;

namespace IdP.Smpp.Simulator;

/// <summary>The SMSC side of one connection: binds, submits, receipts, faults. Runs on the connection's reader loop and never blocks it.</summary>
internal sealed class SimulatorSession : IPduHandler
{
    private readonly SmscSimulator _owner;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SequenceNumberGenerator _sequence = new();
    private volatile bool _dropped;

    public SimulatorSession(SmscSimulator owner, ILogger logger, TimeProvider time)
    {
        _owner = owner;
        _logger = logger;
        _time = time;
    }

    public SmppConnection? Connection { get; set; }

    public CommandId? BoundAs { get; private set; }

    public string SystemId { get; private set; } = string.Empty;

    public bool CanReceive => BoundAs is CommandId.BindReceiver or CommandId.BindTransceiver;

    private bool CanTransmit => BoundAs is CommandId.BindTransmitter or CommandId.BindTransceiver;

    public void OnPdu(SmppConnection connection, Pdu pdu)
    {
        if (_dropped) return;
        if (pdu.IsResponse) return; // deliver_sm_resp, enquire_link_resp, generic_nack: nothing waits on them.
        switch (pdu)
        {
            case BindRequest bind:
                OnBind(connection, bind);
                break;
            case SubmitSm submit:
                OnSubmit(connection, submit);
                break;
            case DataSm data:
                OnDataSm(connection, data);
                break;
            case EnquireLink:
                _owner.CountEnquireLink();
                connection.TrySend(new EnquireLinkResp { SequenceNumber = pdu.SequenceNumber });
                break;
            case Unbind:
                BoundAs = null;
                connection.TrySend(new UnbindResp { SequenceNumber = pdu.SequenceNumber });
                _ = connection.FlushAndCloseAsync("ESME unbound", TimeSpan.FromSeconds(2));
                break;
            default:
                SmppLog.UnknownCommand(_logger, connection.Name, (uint)pdu.CommandId, pdu.SequenceNumber);
                connection.TrySend(new GenericNack { CommandStatus = CommandStatus.InvalidCommandId, SequenceNumber = pdu.SequenceNumber });
                break;
        }
    }

    /// <summary>Sends a deliver_sm (receipt) to this ESME; the deliver_sm_resp is not awaited.</summary>
    public bool TryDeliver(DeliverSm deliver)
    {
        if (Connection is not { IsClosed: false } connection || !CanReceive) return false;
        deliver.SequenceNumber = _sequence.Next();
        return connection.TrySend(deliver);
    }

    /// <summary>Sends unbind to the ESME (an SMSC-initiated unbind); the connection closes after a short grace.</summary>
    public void SendUnbind()
    {
        if (Connection is not { IsClosed: false } connection || BoundAs is null) return;
        BoundAs = null;
        connection.TrySend(new Unbind { SequenceNumber = _sequence.Next() });
        _ = CloseSoonAsync(connection);
    }

    private async Task CloseSoonAsync(SmppConnection connection)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500), _time).ConfigureAwait(false);
        connection.Close("unbind sent by the simulator");
    }

    private void OnBind(SmppConnection connection, BindRequest bind)
    {
        var options = _owner.Options;
        var status = CommandStatus.Ok;
        if (BoundAs is not null) status = CommandStatus.AlreadyBound;
        else if (options.Credentials.Count > 0)
        {
            if (!options.Credentials.TryGetValue(bind.SystemId, out string? password)) status = CommandStatus.InvalidSystemId;
            else if (!string.Equals(password, bind.Password, StringComparison.Ordinal)) status = CommandStatus.InvalidPassword;
        }
        var response = new BindResponse((CommandId)((uint)bind.CommandId | 0x80000000u))
        {
            CommandStatus = status,
            SequenceNumber = bind.SequenceNumber,
        };
        if (status == CommandStatus.Ok)
        {
            BoundAs = bind.CommandId;
            SystemId = bind.SystemId;
            response.SystemId = options.SystemId;
            response.Tlvs.ScInterfaceVersion = 0x34;
        }
        SmppLog.SimulatorBind(_logger, connection.Name, bind.CommandId, bind.SystemId, CommandStatusInfo.Name(status));
        connection.TrySend(response);
    }

    private void OnSubmit(SmppConnection connection, SubmitSm submit)
    {
        var status = Admit();
        if (status != CommandStatus.Ok)
        {
            Respond(connection, new SubmitSmResp { CommandStatus = status, SequenceNumber = submit.SequenceNumber }, submit.DestinationAddr);
            return;
        }
        bool hasUdh = (submit.EsmClass & 0x40) != 0;
        var content = submit.ShortMessage.Length > 0 ? submit.ShortMessage : submit.Tlvs.MessagePayload ?? ReadOnlyMemory<byte>.Empty;
        var message = new SimulatedMessage
        {
            CommandId = CommandId.SubmitSm,
            Destination = submit.DestinationAddr,
            DestinationTon = submit.DestAddrTon,
            DestinationNpi = submit.DestAddrNpi,
            Source = submit.SourceAddr,
            SourceTon = submit.SourceAddrTon,
            SourceNpi = submit.SourceAddrNpi,
            Text = SmsText.Decode(content.Span, submit.DataCoding, hasUdh && submit.ShortMessage.Length > 0),
            DataCoding = submit.DataCoding,
            ShortMessage = content.ToArray(),
            EsmClass = submit.EsmClass,
            RegisteredDelivery = submit.RegisteredDelivery,
            ValidityPeriod = submit.ValidityPeriod,
            Tlvs = submit.Tlvs,
            MessageId = _owner.NextMessageId(out long numericId),
            SystemId = SystemId,
            ReceivedAt = _time.GetUtcNow(),
        };
        var response = new SubmitSmResp { SequenceNumber = submit.SequenceNumber, MessageId = message.MessageId };
        bool wantsReceipt = (submit.RegisteredDelivery & 0x03) switch
        {
            1 => true,
            2 => _owner.Options.ReceiptState is not (MessageState.Delivered or MessageState.Enroute or MessageState.Accepted),
            _ => false,
        };
        var receipt = wantsReceipt && _owner.Options.SendDeliveryReceipts ? BuildReceipt(submit, message, numericId, hasUdh) : null;
        _owner.Record(message);
        if (receipt is not null && _owner.Options.ReceiptBeforeResponse)
        {
            _owner.Deliver(this, receipt);
            receipt = null;
        }
        Respond(connection, response, submit.DestinationAddr, receipt);
        CheckDrop(connection);
    }

    private void OnDataSm(SmppConnection connection, DataSm data)
    {
        var status = Admit();
        if (status != CommandStatus.Ok)
        {
            Respond(connection, new DataSmResp { CommandStatus = status, SequenceNumber = data.SequenceNumber }, data.DestinationAddr);
            return;
        }
        var payload = data.Tlvs.MessagePayload ?? ReadOnlyMemory<byte>.Empty;
        var message = new SimulatedMessage
        {
            CommandId = CommandId.DataSm,
            Destination = data.DestinationAddr,
            DestinationTon = data.DestAddrTon,
            DestinationNpi = data.DestAddrNpi,
            Source = data.SourceAddr,
            SourceTon = data.SourceAddrTon,
            SourceNpi = data.SourceAddrNpi,
            Text = SmsText.Decode(payload.Span, data.DataCoding, (data.EsmClass & 0x40) != 0),
            DataCoding = data.DataCoding,
            ShortMessage = payload.ToArray(),
            EsmClass = data.EsmClass,
            RegisteredDelivery = data.RegisteredDelivery,
            Tlvs = data.Tlvs,
            MessageId = _owner.NextMessageId(out _),
            SystemId = SystemId,
            ReceivedAt = _time.GetUtcNow(),
        };
        _owner.Record(message);
        Respond(connection, new DataSmResp { SequenceNumber = data.SequenceNumber, MessageId = message.MessageId }, data.DestinationAddr);
        CheckDrop(connection);
    }

    private CommandStatus Admit()
    {
        var options = _owner.Options;
        if (!CanTransmit) return CommandStatus.InvalidBindStatus;
        long n = _owner.CountSubmit();
        if (options.ThrottleEveryNth > 0 && n % options.ThrottleEveryNth == 0) return CommandStatus.Throttled;
        if (options.RejectStatus is { } reject and not 0) return (CommandStatus)reject;
        return CommandStatus.Ok;
    }

    private void CheckDrop(SmppConnection connection)
    {
        if (_owner.ShouldDrop(out int count))
        {
            _dropped = true;
            SmppLog.SimulatorDrop(_logger, connection.Name, count);
            _ = connection.FlushAndCloseAsync("fault injection: drop", TimeSpan.FromSeconds(1));
        }
    }

    private void Respond(SmppConnection connection, Pdu response, string destination, DeliverSm? receipt = null)
    {
        SmppLog.SimulatorSubmit(_logger, connection.Name, SmppMasking.MaskAddress(destination), (response as MessageIdResponse)?.MessageId ?? string.Empty, CommandStatusInfo.Name(response.CommandStatus));
        var delay = _owner.Options.ResponseDelay;
        if (delay <= TimeSpan.Zero)
        {
            connection.TrySend(response);
            if (receipt is not null) _owner.ScheduleReceipt(this, receipt);
            return;
        }
        _ = RespondLaterAsync(connection, response, receipt, delay);
    }

    private async Task RespondLaterAsync(SmppConnection connection, Pdu response, DeliverSm? receipt, TimeSpan delay)
    {
        await Task.Delay(delay, _time).ConfigureAwait(false);
        if (_dropped) return;
        connection.TrySend(response);
        if (receipt is not null) _owner.ScheduleReceipt(this, receipt);
    }

    private DeliverSm BuildReceipt(SubmitSm submit, SimulatedMessage message, long numericId, bool hasUdh)
    {
        var options = _owner.Options;
        var state = options.ReceiptState;
        string receiptId = SmscSimulator.FormatId(numericId, options.ReceiptIdFormat ?? options.MessageIdFormat);
        string date = message.ReceivedAt.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture);
        string done = _time.GetUtcNow().UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture);
        string delivered = state == MessageState.Delivered ? "001" : "000";
        string err = state == MessageState.Delivered ? "000" : "001";
        string head = $"id:{receiptId} sub:001 dlvrd:{delivered} submit date:{date} done date:{done} stat:{ReceiptTextParser.StatOf(state)} err:{err} text:";
        // Like real SMSCs, text: repeats the first 20 octets of the original short_message as-is (0x00 for '@' included).
        var original = submit.ShortMessage.Span;
        if (hasUdh && original.Length > 0) original = original[Math.Min(original.Length, original[0] + 1)..];
        original = original[..Math.Min(20, original.Length)];
        byte[] text = new byte[head.Length + original.Length];
        System.Text.Encoding.ASCII.GetBytes(head, text);
        original.CopyTo(text.AsSpan(head.Length));
        var deliver = new DeliverSm
        {
            SourceAddrTon = submit.DestAddrTon,
            SourceAddrNpi = submit.DestAddrNpi,
            SourceAddr = submit.DestinationAddr,
            DestAddrTon = submit.SourceAddrTon,
            DestAddrNpi = submit.SourceAddrNpi,
            DestinationAddr = submit.SourceAddr,
            EsmClass = 0x04,
            ShortMessage = text,
        };
        if (options.ReceiptWithTlvs)
        {
            deliver.Tlvs.ReceiptedMessageId = receiptId;
            deliver.Tlvs.MessageState = (byte)state;
            if (state != MessageState.Delivered) deliver.Tlvs.NetworkErrorCode = new NetworkErrorCode(3, 1);
        }
        return deliver;
    }
}
