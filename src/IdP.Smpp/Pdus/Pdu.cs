namespace IdP.Smpp.Pdus;

/// <summary>An SMPP 3.4 PDU: the 16-octet header plus a typed body. Encode and decode with <see cref="PduCodec"/>.</summary>
public abstract class Pdu
{
    /// <summary>Creates a PDU with the given command id.</summary>
    protected Pdu(CommandId commandId) => CommandId = commandId;

    /// <summary>command_id.</summary>
    public CommandId CommandId { get; }

    /// <summary>command_status (0 in requests).</summary>
    public CommandStatus CommandStatus { get; set; }

    /// <summary>sequence_number (1..0x7FFFFFFF).</summary>
    public uint SequenceNumber { get; set; }

    /// <summary>True for responses (bit 31 of command_id set), including generic_nack.</summary>
    public bool IsResponse => ((uint)CommandId & 0x80000000u) != 0;

    /// <summary>The command_length this PDU encodes to.</summary>
    public int EncodedLength => PduHeader.Length + BodyLength;

    /// <summary>The encoded body length.</summary>
    internal abstract int BodyLength { get; }

    internal abstract void WriteBody(ref PduWriter writer);

    internal abstract void ReadBody(ref PduReader reader);

    /// <inheritdoc />
    public override string ToString() => $"{CommandId} seq={SequenceNumber} status={CommandStatusInfo.Name(CommandStatus)}";
}
