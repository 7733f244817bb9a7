namespace IdP.Smpp.Pdus;

/// <summary>A PDU with no body: enquire_link(_resp), unbind(_resp), generic_nack. Any body octets received are ignored.</summary>
public abstract class HeaderOnlyPdu : Pdu
{
    /// <summary>Creates the PDU.</summary>
    protected HeaderOnlyPdu(CommandId commandId) : base(commandId) { }

    internal override int BodyLength => 0;

    internal override void WriteBody(ref PduWriter writer) { }

    internal override void ReadBody(ref PduReader reader) => reader.ReadRest();
}
