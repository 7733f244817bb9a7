namespace IdP.Smpp.Pdus;

/// <summary>A raw TLV this library does not interpret (kept for inspection, re-encoded as-is).</summary>
/// <param name="Tag">The tag.</param>
/// <param name="Value">The value octets.</param>
public readonly record struct Tlv(ushort Tag, ReadOnlyMemory<byte> Value);
