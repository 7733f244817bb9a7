using System.Buffers.Binary;

namespace IdP.Smpp.Pdus;

/// <summary>
/// An allocation-free view of a submit_sm or deliver_sm frame: every field is a slice of the frame (C-strings without
/// their NUL). For hot paths that only need to read; <see cref="PduCodec.Decode(ReadOnlySpan{byte})"/> builds objects.
/// </summary>
public ref struct ShortMessagePduView
{
    /// <summary>The header.</summary>
    public PduHeader Header { get; private set; }
    /// <summary>service_type.</summary>
    public ReadOnlySpan<byte> ServiceType { get; private set; }
    /// <summary>source_addr_ton.</summary>
    public byte SourceAddrTon { get; private set; }
    /// <summary>source_addr_npi.</summary>
    public byte SourceAddrNpi { get; private set; }
    /// <summary>source_addr.</summary>
    public ReadOnlySpan<byte> SourceAddr { get; private set; }
    /// <summary>dest_addr_ton.</summary>
    public byte DestAddrTon { get; private set; }
    /// <summary>dest_addr_npi.</summary>
    public byte DestAddrNpi { get; private set; }
    /// <summary>destination_addr.</summary>
    public ReadOnlySpan<byte> DestinationAddr { get; private set; }
    /// <summary>esm_class.</summary>
    public byte EsmClass { get; private set; }
    /// <summary>protocol_id.</summary>
    public byte ProtocolId { get; private set; }
    /// <summary>priority_flag.</summary>
    public byte PriorityFlag { get; private set; }
    /// <summary>schedule_delivery_time.</summary>
    public ReadOnlySpan<byte> ScheduleDeliveryTime { get; private set; }
    /// <summary>validity_period.</summary>
    public ReadOnlySpan<byte> ValidityPeriod { get; private set; }
    /// <summary>registered_delivery.</summary>
    public byte RegisteredDelivery { get; private set; }
    /// <summary>replace_if_present_flag.</summary>
    public byte ReplaceIfPresentFlag { get; private set; }
    /// <summary>data_coding.</summary>
    public byte DataCoding { get; private set; }
    /// <summary>sm_default_msg_id.</summary>
    public byte SmDefaultMsgId { get; private set; }
    /// <summary>short_message (by sm_length).</summary>
    public ReadOnlySpan<byte> ShortMessage { get; private set; }
    /// <summary>The raw TLV area.</summary>
    public ReadOnlySpan<byte> Tlvs { get; private set; }

    /// <summary>Parses a complete submit_sm / deliver_sm frame with the same tolerance as the object decoder.</summary>
    /// <exception cref="SmppDecodeException">The frame is not a submit_sm/deliver_sm or is malformed.</exception>
    public static ShortMessagePduView Parse(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < PduHeader.Length) throw new SmppDecodeException("A PDU needs at least 16 octets.");
        var header = PduHeader.Read(frame);
        SmppFrameDecoder.ValidateLength(header.CommandLength, frame);
        if (header.CommandLength != frame.Length) throw new SmppDecodeException("command_length does not match the frame.");
        if (header.CommandId is not (CommandId.SubmitSm or CommandId.DeliverSm)) throw new SmppDecodeException($"{header.CommandId} is not submit_sm or deliver_sm.");
        var reader = new PduReader(frame[PduHeader.Length..]);
        var view = new ShortMessagePduView
        {
            Header = header,
            ServiceType = reader.ReadCStringSpan(),
            SourceAddrTon = reader.ReadByte(),
            SourceAddrNpi = reader.ReadByte(),
            SourceAddr = reader.ReadCStringSpan(),
            DestAddrTon = reader.ReadByte(),
            DestAddrNpi = reader.ReadByte(),
            DestinationAddr = reader.ReadCStringSpan(),
            EsmClass = reader.ReadByte(),
            ProtocolId = reader.ReadByte(),
            PriorityFlag = reader.ReadByte(),
            ScheduleDeliveryTime = reader.ReadCStringSpan(),
            ValidityPeriod = reader.ReadCStringSpan(),
            RegisteredDelivery = reader.ReadByte(),
            ReplaceIfPresentFlag = reader.ReadByte(),
            DataCoding = reader.ReadByte(),
            SmDefaultMsgId = reader.ReadByte(),
        };
        int smLength = reader.ReadByte();
        view.ShortMessage = reader.ReadOctets(smLength, "short_message (sm_length)");
        view.Tlvs = reader.ReadRest();
        return view;
    }

    /// <summary>Finds the first TLV with <paramref name="tag"/>.</summary>
    public readonly bool TryGetTlv(ushort tag, out ReadOnlySpan<byte> value)
    {
        var rest = Tlvs;
        while (rest.Length >= 4)
        {
            ushort current = BinaryPrimitives.ReadUInt16BigEndian(rest);
            int length = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
            if (length > rest.Length - 4) break;
            if (current == tag)
            {
                value = rest.Slice(4, length);
                return true;
            }
            rest = rest[(4 + length)..];
        }
        value = default;
        return false;
    }
}
