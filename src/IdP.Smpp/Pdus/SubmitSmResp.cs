namespace IdP.Smpp.Pdus;

/// <summary>submit_sm_resp.</summary>
public sealed class SubmitSmResp : MessageIdResponse
{
    /// <summary>Creates the PDU.</summary>
    public SubmitSmResp() : base(CommandId.SubmitSmResp) { }
}
