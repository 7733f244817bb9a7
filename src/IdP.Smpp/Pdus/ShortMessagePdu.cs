namespace IdP.Smpp.Pdus;

/// <summary>The layout shared by submit_sm and deliver_sm (SMPP 3.4 sections 4.4.1 and 4.6.1).</summary>
public abstract class ShortMessagePdu : Pdu
{
    /// <summary>The largest short_message (sm_length is one octet; the spec caps it at 254).</summary>
    public const int MaxShortMessageLength = 254;

    /// <summary>Creates the PDU.</summary>
    protected ShortMessagePdu(CommandId commandId) : base(commandId) { }

    /// <summary>service_type.</summary>
    public string ServiceType { get; set; } = string.Empty;
    /// <summary>source_addr_ton.</summary>
    public byte SourceAddrTon { get; set; }
    /// <summary>source_addr_npi.</summary>
    public byte SourceAddrNpi { get; set; }
    /// <summary>source_addr.</summary>
    public string SourceAddr { get; set; } = string.Empty;
    /// <summary>dest_addr_ton.</summary>
    public byte DestAddrTon { get; set; }
    /// <summary>dest_addr_npi.</summary>
    public byte DestAddrNpi { get; set; }
    /// <summary>destination_addr.</summary>
    public string DestinationAddr { get; set; } = string.Empty;
    /// <summary>esm_class (0x40 = UDHI, 0x04 = delivery receipt).</summary>
    public byte EsmClass { get; set; }
    /// <summary>protocol_id.</summary>
    public byte ProtocolId { get; set; }
    /// <summary>priority_flag.</summary>
    public byte PriorityFlag { get; set; }
    /// <summary>schedule_delivery_time (empty = immediate).</summary>
    public string ScheduleDeliveryTime { get; set; } = string.Empty;
    /// <summary>validity_period (empty = SMSC default), e.g. <c>000000000500000R</c>.</summary>
    public string ValidityPeriod { get; set; } = string.Empty;
    /// <summary>registered_delivery (bits 1-0: 1 = receipt on final state).</summary>
    public byte RegisteredDelivery { get; set; }
    /// <summary>replace_if_present_flag.</summary>
    public byte ReplaceIfPresentFlag { get; set; }
    /// <summary>data_coding (0 GSM default, 3 Latin-1, 8 UCS2).</summary>
    public byte DataCoding { get; set; }
    /// <summary>sm_default_msg_id.</summary>
    public byte SmDefaultMsgId { get; set; }
    /// <summary>short_message (at most 254 octets; may contain 0x00, it is never a C-string).</summary>
    public ReadOnlyMemory<byte> ShortMessage { get; set; }
    /// <summary>TLVs.</summary>
    public TlvSet Tlvs { get; } = new();

    /// <summary>True when esm_class marks a delivery receipt or intermediate notification ((esm_class &amp; 0x3C) is 0x04 or 0x20).</summary>
    public bool IsDeliveryReceipt => (EsmClass & 0x3C) is 0x04 or 0x20;

    internal override int BodyLength =>
        PduWriter.CStringLength(ServiceType) + 2 + PduWriter.CStringLength(SourceAddr) + 2 + PduWriter.CStringLength(DestinationAddr)
        + 3 + PduWriter.CStringLength(ScheduleDeliveryTime) + PduWriter.CStringLength(ValidityPeriod) + 5 + ShortMessage.Length
        + Tlvs.EncodedLength;

    internal override void WriteBody(ref PduWriter writer)
    {
        SmppFieldLimits.Check(SmppField.ServiceType, ServiceType);
        SmppFieldLimits.Check(SmppField.SourceAddr, SourceAddr);
        SmppFieldLimits.Check(SmppField.DestinationAddr, DestinationAddr);
        SmppFieldLimits.Check(SmppField.ScheduleDeliveryTime, ScheduleDeliveryTime);
        SmppFieldLimits.Check(SmppField.ValidityPeriod, ValidityPeriod);
        if (ShortMessage.Length > MaxShortMessageLength)
        {
            throw new ArgumentException($"short_message is {ShortMessage.Length} octets; at most {MaxShortMessageLength} fit. Put longer content in message_payload.");
        }
        if (ShortMessage.Length > 0 && Tlvs.MessagePayload.HasValue)
        {
            throw new ArgumentException("short_message and message_payload are both set; SMPP 3.4 allows only one (sm_length must be 0).");
        }
        writer.WriteCString(ServiceType);
        writer.WriteByte(SourceAddrTon);
        writer.WriteByte(SourceAddrNpi);
        writer.WriteCString(SourceAddr);
        writer.WriteByte(DestAddrTon);
        writer.WriteByte(DestAddrNpi);
        writer.WriteCString(DestinationAddr);
        writer.WriteByte(EsmClass);
        writer.WriteByte(ProtocolId);
        writer.WriteByte(PriorityFlag);
        writer.WriteCString(ScheduleDeliveryTime);
        writer.WriteCString(ValidityPeriod);
        writer.WriteByte(RegisteredDelivery);
        writer.WriteByte(ReplaceIfPresentFlag);
        writer.WriteByte(DataCoding);
        writer.WriteByte(SmDefaultMsgId);
        writer.WriteByte((byte)ShortMessage.Length);
        writer.WriteOctets(ShortMessage.Span);
        Tlvs.Write(ref writer);
    }

    internal override void ReadBody(ref PduReader reader)
    {
        ServiceType = reader.ReadCString();
        SourceAddrTon = reader.ReadByte();
        SourceAddrNpi = reader.ReadByte();
        SourceAddr = reader.ReadCString();
        DestAddrTon = reader.ReadByte();
        DestAddrNpi = reader.ReadByte();
        DestinationAddr = reader.ReadCString();
        EsmClass = reader.ReadByte();
        ProtocolId = reader.ReadByte();
        PriorityFlag = reader.ReadByte();
        ScheduleDeliveryTime = reader.ReadCString();
        ValidityPeriod = reader.ReadCString();
        RegisteredDelivery = reader.ReadByte();
        ReplaceIfPresentFlag = reader.ReadByte();
        DataCoding = reader.ReadByte();
        SmDefaultMsgId = reader.ReadByte();
        int smLength = reader.ReadByte();
        // SMPP.md pitfall 3: short_message is read by sm_length, never as a C-string (0x00 is GSM '@').
        ShortMessage = reader.ReadOctets(smLength, "short_message (sm_length)").ToArray();
        Tlvs.Read(ref reader);
    }

    /// <inheritdoc />
    public override string ToString() => $"{base.ToString()} esm_class=0x{EsmClass:X2} dc=0x{DataCoding:X2} sm_length={ShortMessage.Length}";
}
