namespace IdP.Smpp.Pdus;

/// <summary>data_sm_resp.</summary>
public sealed class DataSmResp : MessageIdResponse
{
    /// <summary>Creates the PDU.</summary>
    public DataSmResp() : base(CommandId.DataSmResp) { }
}
