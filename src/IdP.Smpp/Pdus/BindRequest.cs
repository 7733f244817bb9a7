namespace IdP.Smpp.Pdus;

/// <summary>bind_transmitter, bind_receiver or bind_transceiver (they share one layout).</summary>
public sealed class BindRequest : Pdu
{
    /// <summary>Creates a bind request; <paramref name="commandId"/> must be one of the three bind commands.</summary>
    public BindRequest(CommandId commandId) : base(commandId)
    {
        if (commandId is not (CommandId.BindTransmitter or CommandId.BindReceiver or CommandId.BindTransceiver))
        {
            throw new ArgumentOutOfRangeException(nameof(commandId), commandId, "Not a bind command.");
        }
    }

    /// <summary>system_id.</summary>
    public string SystemId { get; set; } = string.Empty;
    /// <summary>password. Longer than 8 characters is sent as-is (see <see cref="SmppFieldLimits"/>).</summary>
    public string Password { get; set; } = string.Empty;
    /// <summary>system_type.</summary>
    public string SystemType { get; set; } = string.Empty;
    /// <summary>interface_version (0x34 for SMPP 3.4).</summary>
    public byte InterfaceVersion { get; set; } = 0x34;
    /// <summary>addr_ton.</summary>
    public byte AddrTon { get; set; }
    /// <summary>addr_npi.</summary>
    public byte AddrNpi { get; set; }
    /// <summary>address_range.</summary>
    public string AddressRange { get; set; } = string.Empty;

    internal override int BodyLength =>
        PduWriter.CStringLength(SystemId) + PduWriter.CStringLength(Password) + PduWriter.CStringLength(SystemType) + 3 + PduWriter.CStringLength(AddressRange);

    internal override void WriteBody(ref PduWriter writer)
    {
        SmppFieldLimits.Check(SmppField.SystemId, SystemId);
        SmppFieldLimits.Check(SmppField.SystemType, SystemType);
        SmppFieldLimits.Check(SmppField.AddressRange, AddressRange);
        writer.WriteCString(SystemId);
        writer.WriteCString(Password);
        writer.WriteCString(SystemType);
        writer.WriteByte(InterfaceVersion);
        writer.WriteByte(AddrTon);
        writer.WriteByte(AddrNpi);
        writer.WriteCString(AddressRange);
    }

    internal override void ReadBody(ref PduReader reader)
    {
        SystemId = reader.ReadCString();
        Password = reader.ReadCString();
        SystemType = reader.ReadCString();
        InterfaceVersion = reader.ReadByte();
        AddrTon = reader.ReadByte();
        AddrNpi = reader.ReadByte();
        AddressRange = reader.ReadCString();
    }

    /// <inheritdoc />
    public override string ToString() => $"{base.ToString()} system_id={SystemId} password=***";
}
