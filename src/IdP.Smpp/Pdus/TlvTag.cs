namespace IdP.Smpp.Pdus;

/// <summary>Tags of the optional parameters (TLVs) this library understands (SMPP 3.4 section 5.3.2).</summary>
public static class TlvTag
{
    /// <summary>additional_status_info_text: C-string.</summary>
    public const ushort AdditionalStatusInfoText = 0x001D;
    /// <summary>receipted_message_id: C-string, length includes the NUL.</summary>
    public const ushort ReceiptedMessageId = 0x001E;
    /// <summary>user_message_reference: u16.</summary>
    public const ushort UserMessageReference = 0x0204;
    /// <summary>sar_msg_ref_num: u16.</summary>
    public const ushort SarMsgRefNum = 0x020C;
    /// <summary>sar_total_segments: u8.</summary>
    public const ushort SarTotalSegments = 0x020E;
    /// <summary>sar_segment_seqnum: u8.</summary>
    public const ushort SarSegmentSeqnum = 0x020F;
    /// <summary>sc_interface_version: u8.</summary>
    public const ushort ScInterfaceVersion = 0x0210;
    /// <summary>network_error_code: type u8 + code u16.</summary>
    public const ushort NetworkErrorCode = 0x0423;
    /// <summary>message_payload: octets.</summary>
    public const ushort MessagePayload = 0x0424;
    /// <summary>delivery_failure_reason: u8.</summary>
    public const ushort DeliveryFailureReason = 0x0425;
    /// <summary>message_state: u8.</summary>
    public const ushort MessageState = 0x0427;
}
