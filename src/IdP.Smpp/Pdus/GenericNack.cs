namespace IdP.Smpp.Pdus;

/// <summary>generic_nack (command_status tells why).</summary>
public sealed class GenericNack : HeaderOnlyPdu
{
    /// <summary>Creates the PDU.</summary>
    public GenericNack() : base(CommandId.GenericNack) { }
}
