using IdP.Smpp.Pdus;

namespace IdP.Smpp.Receipts;

/// <summary>A delivery receipt (deliver_sm with esm_class 0x04 / 0x20), parsed from its TLVs and text.</summary>
public sealed record DeliveryReceipt
{
    /// <summary>The message id as returned in submit_sm_resp when the receipt was correlated; otherwise the receipt's own id.</summary>
    public required string MessageId { get; init; }

    /// <summary>True when <see cref="MessageId"/> matched a submit_sm_resp id of this client.</summary>
    public bool IsCorrelated { get; init; }

    /// <summary>The receipted_message_id TLV as received, if any.</summary>
    public string? ReceiptedMessageIdRaw { get; init; }

    /// <summary>The id: field of the receipt text as received, if any.</summary>
    public string? TextMessageId { get; init; }

    /// <summary>The state: the message_state TLV when present, else derived from stat:.</summary>
    public MessageState State { get; init; }

    /// <summary>The stat: text (e.g. DELIVRD), if any.</summary>
    public string? Stat { get; init; }

    /// <summary>The err: field, if any.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The network_error_code TLV, if any.</summary>
    public NetworkErrorCode? NetworkErrorCode { get; init; }

    /// <summary>submit date:.</summary>
    public DateTimeOffset? SubmitDate { get; init; }

    /// <summary>done date:.</summary>
    public DateTimeOffset? DoneDate { get; init; }

    /// <summary>The receipt's source address (the handset that received our message).</summary>
    public string? SourceAddress { get; init; }

    /// <summary>The receipt's destination address (our sender id).</summary>
    public string? DestinationAddress { get; init; }

    /// <summary>The receipt text as received (0x00 kept as '\0').</summary>
    public string RawText { get; init; } = string.Empty;

    /// <summary>True for a final state (everything but Enroute and Accepted).</summary>
    public bool IsFinal => State is not (MessageState.Enroute or MessageState.Accepted or MessageState.None);

    /// <summary>Builds a receipt from a deliver_sm; the id used for correlation is the TLV's first, then the text's.</summary>
    public static DeliveryReceipt FromDeliverSm(ShortMessagePdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var content = pdu.ShortMessage.Length > 0 ? pdu.ShortMessage : pdu.Tlvs.MessagePayload ?? ReadOnlyMemory<byte>.Empty;
        string raw = System.Text.Encoding.Latin1.GetString(content.Span);
        var text = ReceiptTextParser.Parse(raw);
        var state = pdu.Tlvs.MessageState is { } s && Enum.IsDefined((MessageState)s) ? (MessageState)s : text.State;
        string? tlvId = string.IsNullOrWhiteSpace(pdu.Tlvs.ReceiptedMessageId) ? null : pdu.Tlvs.ReceiptedMessageId;
        return new DeliveryReceipt
        {
            MessageId = (tlvId ?? text.Id ?? string.Empty).Trim(),
            ReceiptedMessageIdRaw = pdu.Tlvs.ReceiptedMessageId,
            TextMessageId = text.Id,
            State = state,
            Stat = text.Stat,
            ErrorCode = text.Error,
            NetworkErrorCode = pdu.Tlvs.NetworkErrorCode,
            SubmitDate = text.SubmitDate,
            DoneDate = text.DoneDate,
            SourceAddress = pdu.SourceAddr,
            DestinationAddress = pdu.DestinationAddr,
            RawText = raw,
        };
    }
}
