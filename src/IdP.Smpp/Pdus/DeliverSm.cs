namespace IdP.Smpp.Pdus;

/// <summary>deliver_sm (mobile-originated message or delivery receipt, see <see cref="ShortMessagePdu.IsDeliveryReceipt"/>).</summary>
public sealed class DeliverSm : ShortMessagePdu
{
    /// <summary>Creates the PDU.</summary>
    public DeliverSm() : base(CommandId.DeliverSm) { }
}
