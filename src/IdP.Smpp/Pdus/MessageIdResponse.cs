namespace IdP.Smpp.Pdus;

/// <summary>
/// submit_sm_resp, deliver_sm_resp and data_sm_resp: a message_id plus optional TLVs. An error response may or may not
/// carry a body (funbox/smppex #6, gosmpp #106); both decode, and an error response without id encodes without a body.
/// </summary>
public abstract class MessageIdResponse : Pdu
{
    /// <summary>Creates the PDU.</summary>
    protected MessageIdResponse(CommandId commandId) : base(commandId) { }

    /// <summary>message_id; empty when absent.</summary>
    public string MessageId { get; set; } = string.Empty;

    /// <summary>TLVs (data_sm_resp may carry some even on error).</summary>
    public TlvSet Tlvs { get; } = new();

    private bool HasBody => CommandStatus == CommandStatus.Ok || MessageId.Length > 0 || !Tlvs.IsEmpty;

    internal override int BodyLength => HasBody ? PduWriter.CStringLength(MessageId) + Tlvs.EncodedLength : 0;

    internal override void WriteBody(ref PduWriter writer)
    {
        if (!HasBody) return;
        SmppFieldLimits.Check(SmppField.MessageId, MessageId);
        writer.WriteCString(MessageId);
        Tlvs.Write(ref writer);
    }

    internal override void ReadBody(ref PduReader reader)
    {
        MessageId = reader.ReadCString();
        Tlvs.Read(ref reader);
    }

    /// <inheritdoc />
    public override string ToString() => $"{base.ToString()} message_id={MessageId}";
}
