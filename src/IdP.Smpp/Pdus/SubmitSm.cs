namespace IdP.Smpp.Pdus;

/// <summary>submit_sm.</summary>
public sealed class SubmitSm : ShortMessagePdu
{
    /// <summary>Creates the PDU.</summary>
    public SubmitSm() : base(CommandId.SubmitSm) { }
}
