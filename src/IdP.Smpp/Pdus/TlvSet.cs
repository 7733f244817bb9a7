using System.Buffers.Binary;
using System.Text;

namespace IdP.Smpp.Pdus;

/// <summary>
/// The optional parameters of a PDU. Known tags are typed properties; any other tag is kept in <see cref="Other"/>
/// (skipped for interpretation, never an error). A known tag with a malformed length is also kept in <see cref="Other"/>.
/// </summary>
public sealed class TlvSet
{
    private List<Tlv>? _other;

    /// <summary>user_message_reference (0x0204).</summary>
    public ushort? UserMessageReference { get; set; }
    /// <summary>sar_msg_ref_num (0x020C).</summary>
    public ushort? SarMsgRefNum { get; set; }
    /// <summary>sar_total_segments (0x020E).</summary>
    public byte? SarTotalSegments { get; set; }
    /// <summary>sar_segment_seqnum (0x020F).</summary>
    public byte? SarSegmentSeqnum { get; set; }
    /// <summary>sc_interface_version (0x0210).</summary>
    public byte? ScInterfaceVersion { get; set; }
    /// <summary>message_payload (0x0424). When set, sm_length must be 0.</summary>
    public ReadOnlyMemory<byte>? MessagePayload { get; set; }
    /// <summary>receipted_message_id (0x001E), without the NUL.</summary>
    public string? ReceiptedMessageId { get; set; }
    /// <summary>message_state (0x0427).</summary>
    public byte? MessageState { get; set; }
    /// <summary>network_error_code (0x0423).</summary>
    public NetworkErrorCode? NetworkErrorCode { get; set; }
    /// <summary>additional_status_info_text (0x001D), without the NUL.</summary>
    public string? AdditionalStatusInfoText { get; set; }
    /// <summary>delivery_failure_reason (0x0425).</summary>
    public byte? DeliveryFailureReason { get; set; }

    /// <summary>TLVs with tags this library does not interpret.</summary>
    public IReadOnlyList<Tlv> Other => (IReadOnlyList<Tlv>?)_other ?? [];

    /// <summary>True when no TLV is set.</summary>
    public bool IsEmpty => EncodedLength == 0;

    /// <summary>Adds a raw TLV that is encoded as-is after the typed ones.</summary>
    public void AddOther(Tlv tlv) => (_other ??= []).Add(tlv);

    /// <summary>Removes every TLV.</summary>
    public void Clear()
    {
        UserMessageReference = SarMsgRefNum = null;
        SarTotalSegments = SarSegmentSeqnum = ScInterfaceVersion = MessageState = DeliveryFailureReason = null;
        MessagePayload = null;
        ReceiptedMessageId = AdditionalStatusInfoText = null;
        NetworkErrorCode = null;
        _other?.Clear();
    }

    internal int EncodedLength
    {
        get
        {
            int length = 0;
            if (UserMessageReference.HasValue) length += 6;
            if (SarMsgRefNum.HasValue) length += 6;
            if (SarTotalSegments.HasValue) length += 5;
            if (SarSegmentSeqnum.HasValue) length += 5;
            if (ScInterfaceVersion.HasValue) length += 5;
            if (MessagePayload.HasValue) length += 4 + MessagePayload.Value.Length;
            if (ReceiptedMessageId is not null) length += 4 + ReceiptedMessageId.Length + 1;
            if (MessageState.HasValue) length += 5;
            if (NetworkErrorCode.HasValue) length += 7;
            if (AdditionalStatusInfoText is not null) length += 4 + AdditionalStatusInfoText.Length + 1;
            if (DeliveryFailureReason.HasValue) length += 5;
            if (_other is not null)
            {
                foreach (var tlv in _other) length += 4 + tlv.Value.Length;
            }
            return length;
        }
    }

    internal void Write(ref PduWriter writer)
    {
        if (UserMessageReference is { } umr) { writer.WriteTlvHeader(TlvTag.UserMessageReference, 2); writer.WriteUInt16(umr); }
        if (SarMsgRefNum is { } sarRef) { writer.WriteTlvHeader(TlvTag.SarMsgRefNum, 2); writer.WriteUInt16(sarRef); }
        if (SarTotalSegments is { } sarTotal) { writer.WriteTlvHeader(TlvTag.SarTotalSegments, 1); writer.WriteByte(sarTotal); }
        if (SarSegmentSeqnum is { } sarSeq) { writer.WriteTlvHeader(TlvTag.SarSegmentSeqnum, 1); writer.WriteByte(sarSeq); }
        if (ScInterfaceVersion is { } version) { writer.WriteTlvHeader(TlvTag.ScInterfaceVersion, 1); writer.WriteByte(version); }
        if (MessagePayload is { } payload)
        {
            if (payload.Length > ushort.MaxValue) throw new ArgumentException("message_payload is longer than 65535 octets.");
            writer.WriteTlvHeader(TlvTag.MessagePayload, payload.Length);
            writer.WriteOctets(payload.Span);
        }
        // SMPP.md: the receipted_message_id length includes the NUL ("1000" -> 5).
        if (ReceiptedMessageId is not null) { writer.WriteTlvHeader(TlvTag.ReceiptedMessageId, ReceiptedMessageId.Length + 1); writer.WriteCString(ReceiptedMessageId); }
        if (MessageState is { } state) { writer.WriteTlvHeader(TlvTag.MessageState, 1); writer.WriteByte(state); }
        if (NetworkErrorCode is { } nec) { writer.WriteTlvHeader(TlvTag.NetworkErrorCode, 3); writer.WriteByte(nec.NetworkType); writer.WriteUInt16(nec.ErrorCode); }
        if (AdditionalStatusInfoText is not null) { writer.WriteTlvHeader(TlvTag.AdditionalStatusInfoText, AdditionalStatusInfoText.Length + 1); writer.WriteCString(AdditionalStatusInfoText); }
        if (DeliveryFailureReason is { } reason) { writer.WriteTlvHeader(TlvTag.DeliveryFailureReason, 1); writer.WriteByte(reason); }
        if (_other is not null)
        {
            foreach (var tlv in _other) { writer.WriteTlvHeader(tlv.Tag, tlv.Value.Length); writer.WriteOctets(tlv.Value.Span); }
        }
    }

    internal void Read(ref PduReader reader)
    {
        while (!reader.End)
        {
            if (reader.Remaining < 4)
            {
                throw new SmppDecodeException($"{reader.Remaining} trailing octets are too short for a TLV header.");
            }
            ushort tag = reader.ReadUInt16();
            ushort length = reader.ReadUInt16();
            var value = reader.ReadOctets(length, $"TLV 0x{tag:X4}");
            if (!TryReadKnown(tag, value))
            {
                AddOther(new Tlv(tag, value.ToArray()));
            }
        }
    }

    private bool TryReadKnown(ushort tag, ReadOnlySpan<byte> value)
    {
        switch (tag)
        {
            case TlvTag.UserMessageReference when value.Length == 2: UserMessageReference = BinaryPrimitives.ReadUInt16BigEndian(value); return true;
            case TlvTag.SarMsgRefNum when value.Length == 2: SarMsgRefNum = BinaryPrimitives.ReadUInt16BigEndian(value); return true;
            case TlvTag.SarTotalSegments when value.Length == 1: SarTotalSegments = value[0]; return true;
            case TlvTag.SarSegmentSeqnum when value.Length == 1: SarSegmentSeqnum = value[0]; return true;
            case TlvTag.ScInterfaceVersion when value.Length == 1: ScInterfaceVersion = value[0]; return true;
            case TlvTag.MessagePayload: MessagePayload = value.ToArray(); return true;
            case TlvTag.ReceiptedMessageId: ReceiptedMessageId = ReadTlvString(value); return true;
            case TlvTag.MessageState when value.Length == 1: MessageState = value[0]; return true;
            case TlvTag.NetworkErrorCode when value.Length == 3:
                NetworkErrorCode = new NetworkErrorCode(value[0], BinaryPrimitives.ReadUInt16BigEndian(value[1..])); return true;
            case TlvTag.AdditionalStatusInfoText: AdditionalStatusInfoText = ReadTlvString(value); return true;
            case TlvTag.DeliveryFailureReason when value.Length == 1: DeliveryFailureReason = value[0]; return true;
            default: return false;
        }
    }

    // Tolerant: some SMSCs omit the NUL in C-string TLVs, others pad with several.
    private static string ReadTlvString(ReadOnlySpan<byte> value)
    {
        int nul = value.IndexOf((byte)0);
        return Encoding.Latin1.GetString(nul >= 0 ? value[..nul] : value);
    }
}
