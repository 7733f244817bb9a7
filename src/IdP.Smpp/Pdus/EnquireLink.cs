namespace IdP.Smpp.Pdus;

/// <summary>enquire_link.</summary>
public sealed class EnquireLink : HeaderOnlyPdu
{
    /// <summary>Creates the PDU.</summary>
    public EnquireLink() : base(CommandId.EnquireLink) { }
}
