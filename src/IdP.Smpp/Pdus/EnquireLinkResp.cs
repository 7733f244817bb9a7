namespace IdP.Smpp.Pdus;

/// <summary>enquire_link_resp.</summary>
public sealed class EnquireLinkResp : HeaderOnlyPdu
{
    /// <summary>Creates the PDU.</summary>
    public EnquireLinkResp() : base(CommandId.EnquireLinkResp) { }
}
