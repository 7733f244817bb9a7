namespace IdP.Smpp.Pdus;

/// <summary>A PDU whose command_id this library does not implement; the body is kept raw. Peers get generic_nack ESME_RINVCMDID.</summary>
public sealed class UnknownPdu : Pdu
{
    /// <summary>Creates the PDU.</summary>
    public UnknownPdu(CommandId commandId) : base(commandId) { }

    /// <summary>The raw body.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    internal override int BodyLength => Body.Length;

    internal override void WriteBody(ref PduWriter writer) => writer.WriteOctets(Body.Span);

    internal override void ReadBody(ref PduReader reader) => Body = reader.ReadRest().ToArray();
}
