namespace IdP.Smpp;

/// <summary>How a text longer than one segment is sent.</summary>
public enum SmppConcatenationMode
{
    /// <summary>One submit_sm per part with a UDH <c>05 00 03 ref total seq</c> (8-bit reference), esm_class |= 0x40.</summary>
    Udh8,
    /// <summary>One submit_sm per part with a UDH <c>06 08 04 refHi refLo total seq</c> (16-bit reference), esm_class |= 0x40.</summary>
    Udh16,
    /// <summary>One submit_sm per part with sar_msg_ref_num / sar_total_segments / sar_segment_seqnum TLVs; the SMSC builds the UDH.</summary>
    Sar,
    /// <summary>One submit_sm with the whole text in message_payload and sm_length 0; the SMSC segments.</summary>
    Payload,
}
