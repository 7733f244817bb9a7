namespace IdP.Smpp;

/// <summary>
/// How the SMSC formats message ids, for correlating receipts with submits (like Kannel's msg-id-type: bit 0 =
/// submit_sm_resp ids are hex, bit 1 = receipt ids are hex). Ids are always compared literally first (trimmed,
/// case-insensitive), then with leading zeros stripped, then converted by these flags.
/// </summary>
[Flags]
public enum SmppMessageIdFormat
{
    /// <summary>Both are decimal or opaque strings.</summary>
    Literal = 0,
    /// <summary>submit_sm_resp message ids are hexadecimal.</summary>
    SubmitRespHex = 1,
    /// <summary>Receipt ids (receipted_message_id or the text id:) are hexadecimal.</summary>
    ReceiptHex = 2,
    /// <summary>Both are hexadecimal.</summary>
    BothHex = SubmitRespHex | ReceiptHex,
}
