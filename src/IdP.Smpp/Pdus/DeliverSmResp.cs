namespace IdP.Smpp.Pdus;

/// <summary>deliver_sm_resp (message_id is empty: a single NUL).</summary>
public sealed class DeliverSmResp : MessageIdResponse
{
    /// <summary>Creates the PDU.</summary>
    public DeliverSmResp() : base(CommandId.DeliverSmResp) { }
}
