using IdP.Smpp.Receipts;

namespace IdP.Server.Sms;

/// <summary>The stat of a delivery receipt as the SMS records keep it (SMPP 3.4 Appendix B: DELIVRD, UNDELIV…).</summary>
public static class ReceiptStat
{
    /// <summary>The receipt text's <c>stat:</c>; derived from the message_state TLV when the text had none.</summary>
    public static string Of(DeliveryReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return receipt.Stat is { Length: > 0 } stat ? stat.Trim().ToUpperInvariant() : ReceiptTextParser.StatOf(receipt.State);
    }
}
