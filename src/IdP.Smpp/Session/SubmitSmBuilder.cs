using IdP.Smpp.Pdus;
using IdP.Smpp.Text;

namespace IdP.Smpp.Session;

/// <summary>Turns an <see cref="SmsMessage"/> segment into a submit_sm with the configured addressing and flags.</summary>
internal sealed class SubmitSmBuilder
{
    private readonly SmppClientOptions _options;

    public SubmitSmBuilder(SmppClientOptions options) => _options = options;

    /// <summary>Rejects a message the SMSC would reject anyway, with a readable reason.</summary>
    public void Validate(SmsMessage message)
    {
        string destination = message.Destination?.Trim().TrimStart('+') ?? string.Empty;
        if (destination.Length is 0 or > 20 || !SmppClientOptions.IsNumeric(destination))
        {
            throw new ArgumentException("Destination must be an E.164 number (digits, optionally with a leading '+').", nameof(message));
        }
        ArgumentNullException.ThrowIfNull(message.Text);
        string source = message.SourceAddress ?? _options.SourceAddress;
        if (!SmppFieldLimits.Fits(SmppField.SourceAddr, source.TrimStart('+')))
        {
            throw new ArgumentException($"Source address is {source.Length} characters; SMPP allows at most 20.", nameof(message));
        }
        if ((message.ValidityPeriod ?? _options.ValidityPeriod) is { } validity && (validity <= TimeSpan.Zero || validity.Days > 99))
        {
            throw new ArgumentException("ValidityPeriod must be positive and below 100 days.", nameof(message));
        }
    }

    public SubmitSm Build(SmsMessage message, EncodedSms encoded, SmsSegment segment)
    {
        string source = message.SourceAddress ?? _options.SourceAddress;
        bool numericSource = SmppClientOptions.IsNumeric(source);
        var validity = message.ValidityPeriod ?? _options.ValidityPeriod;
        var pdu = new SubmitSm
        {
            ServiceType = _options.ServiceType,
            SourceAddrTon = _options.SourceTon ?? (byte)(numericSource ? 1 : 5),
            SourceAddrNpi = _options.SourceNpi ?? (byte)(numericSource ? 1 : 0),
            SourceAddr = numericSource ? source.TrimStart('+') : source,
            DestAddrTon = _options.DestinationTon,
            DestAddrNpi = _options.DestinationNpi,
            DestinationAddr = message.Destination.Trim().TrimStart('+'),
            EsmClass = segment.HasUdh ? (byte)0x40 : (byte)0x00,
            PriorityFlag = message.Priority ?? _options.PriorityFlag,
            ValidityPeriod = validity is { } v ? SmppTime.FormatRelative(v) : string.Empty,
            RegisteredDelivery = _options.RegisteredDelivery && message.RequestDeliveryReceipt ? (byte)1 : (byte)0,
            DataCoding = encoded.DataCoding,
            ShortMessage = segment.ShortMessage,
        };
        if (encoded.Mode == SmppConcatenationMode.Payload)
        {
            pdu.Tlvs.MessagePayload = segment.MessagePayload;
        }
        if (encoded.Mode == SmppConcatenationMode.Sar && segment.TotalSegments > 1)
        {
            pdu.Tlvs.SarMsgRefNum = segment.Reference;
            pdu.Tlvs.SarTotalSegments = (byte)segment.TotalSegments;
            pdu.Tlvs.SarSegmentSeqnum = (byte)segment.SequenceNumber;
        }
        pdu.Tlvs.UserMessageReference = message.UserMessageReference;
        // Fail here, in the caller's frame, rather than in the writer loop: field limits are checked by encoding once.
        byte[] scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(pdu.EncodedLength);
        try
        {
            PduCodec.Encode(pdu, scratch);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(scratch);
        }
        return pdu;
    }
}
