namespace IdP.Smpp.Pdus;

/// <summary>bind_transmitter_resp, bind_receiver_resp or bind_transceiver_resp. On error the body may be absent.</summary>
public sealed class BindResponse : Pdu
{
    /// <summary>Creates a bind response; <paramref name="commandId"/> must be one of the three bind responses.</summary>
    public BindResponse(CommandId commandId) : base(commandId)
    {
        if (commandId is not (CommandId.BindTransmitterResp or CommandId.BindReceiverResp or CommandId.BindTransceiverResp))
        {
            throw new ArgumentOutOfRangeException(nameof(commandId), commandId, "Not a bind response.");
        }
    }

    /// <summary>The SMSC's system_id.</summary>
    public string SystemId { get; set; } = string.Empty;

    /// <summary>TLVs (sc_interface_version).</summary>
    public TlvSet Tlvs { get; } = new();

    private bool HasBody => CommandStatus == CommandStatus.Ok || SystemId.Length > 0 || !Tlvs.IsEmpty;

    internal override int BodyLength => HasBody ? PduWriter.CStringLength(SystemId) + Tlvs.EncodedLength : 0;

    internal override void WriteBody(ref PduWriter writer)
    {
        if (!HasBody) return;
        writer.WriteCString(SystemId);
        Tlvs.Write(ref writer);
    }

    internal override void ReadBody(ref PduReader reader)
    {
        SystemId = reader.ReadCString();
        Tlvs.Read(ref reader);
    }
}
