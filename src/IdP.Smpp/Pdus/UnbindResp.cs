namespace IdP.Smpp.Pdus;

/// <summary>unbind_resp.</summary>
public sealed class UnbindResp : HeaderOnlyPdu
{
    /// <summary>Creates the PDU.</summary>
    public UnbindResp() : base(CommandId.UnbindResp) { }
}
