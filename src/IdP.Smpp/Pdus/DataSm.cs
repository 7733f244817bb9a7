namespace IdP.Smpp.Pdus;

/// <summary>data_sm (SMPP 3.4 section 4.7.1): the text travels in message_payload.</summary>
public sealed class DataSm : Pdu
{
    /// <summary>Creates the PDU.</summary>
    public DataSm() : base(CommandId.DataSm) { }

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
    /// <summary>esm_class.</summary>
    public byte EsmClass { get; set; }
    /// <summary>registered_delivery.</summary>
    public byte RegisteredDelivery { get; set; }
    /// <summary>data_coding.</summary>
    public byte DataCoding { get; set; }
    /// <summary>TLVs (message_payload carries the text).</summary>
    public TlvSet Tlvs { get; } = new();

    internal override int BodyLength =>
        PduWriter.CStringLength(ServiceType) + 2 + PduWriter.CStringLength(SourceAddr) + 2 + PduWriter.CStringLength(DestinationAddr) + 3 + Tlvs.EncodedLength;

    internal override void WriteBody(ref PduWriter writer)
    {
        SmppFieldLimits.Check(SmppField.ServiceType, ServiceType);
        SmppFieldLimits.Check(SmppField.DataSmAddr, SourceAddr);
        SmppFieldLimits.Check(SmppField.DataSmAddr, DestinationAddr);
        writer.WriteCString(ServiceType);
        writer.WriteByte(SourceAddrTon);
        writer.WriteByte(SourceAddrNpi);
        writer.WriteCString(SourceAddr);
        writer.WriteByte(DestAddrTon);
        writer.WriteByte(DestAddrNpi);
        writer.WriteCString(DestinationAddr);
        writer.WriteByte(EsmClass);
        writer.WriteByte(RegisteredDelivery);
        writer.WriteByte(DataCoding);
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
        RegisteredDelivery = reader.ReadByte();
        DataCoding = reader.ReadByte();
        Tlvs.Read(ref reader);
    }
}
