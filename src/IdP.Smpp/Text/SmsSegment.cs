namespace IdP.Smpp.Text;

/// <summary>One submit_sm worth of encoded text.</summary>
/// <param name="ShortMessage">short_message octets, including the UDH when <see cref="HasUdh"/> (empty in payload mode).</param>
/// <param name="MessagePayload">message_payload octets in payload mode, otherwise empty.</param>
/// <param name="HasUdh">True when short_message starts with a UDH (set esm_class |= 0x40).</param>
/// <param name="SequenceNumber">1-based part number.</param>
/// <param name="TotalSegments">Number of parts.</param>
/// <param name="Reference">The concatenation reference shared by all parts.</param>
public sealed record SmsSegment(
    ReadOnlyMemory<byte> ShortMessage,
    ReadOnlyMemory<byte> MessagePayload,
    bool HasUdh,
    int SequenceNumber,
    int TotalSegments,
    ushort Reference);
