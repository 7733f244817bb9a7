namespace IdP.Smpp.Pdus;

/// <summary>unbind.</summary>
public sealed class Unbind : HeaderOnlyPdu
{
    /// <summary>Creates the PDU.</summary>
    public Unbind() : base(CommandId.Unbind) { }
}
