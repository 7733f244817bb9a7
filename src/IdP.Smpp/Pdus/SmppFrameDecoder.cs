using System.Buffers;
using System.Buffers.Binary;

namespace IdP.Smpp.Pdus;

/// <summary>
/// Splits a byte stream into SMPP frames. Returns "need more" for partial buffers and throws
/// <see cref="SmppFramingException"/> (naming the likely cause) when command_length is impossible.
/// </summary>
public static class SmppFrameDecoder
{
    /// <summary>The smallest valid command_length (a bare header).</summary>
    public const int MinCommandLength = PduHeader.Length;

    /// <summary>The largest accepted command_length: 64 KiB of message_payload plus 1 KiB of the rest.</summary>
    public const int MaxCommandLength = 64 * 1024 + 1024;

    /// <summary>
    /// Peeks the frame length at the start of <paramref name="buffer"/>. Returns false when fewer than 4 octets are
    /// available.
    /// </summary>
    /// <exception cref="SmppFramingException">The length is outside 16..<see cref="MaxCommandLength"/>.</exception>
    public static bool TryGetFrameLength(ReadOnlySpan<byte> buffer, out int frameLength)
    {
        frameLength = 0;
        if (buffer.Length < 4) return false;
        uint length = BinaryPrimitives.ReadUInt32BigEndian(buffer);
        ValidateLength(length, buffer);
        frameLength = (int)length;
        return true;
    }

    /// <summary>
    /// Decodes the first PDU in <paramref name="buffer"/>. Returns false ("need more") when the buffer holds less than
    /// one frame; otherwise <paramref name="consumed"/> is the frame length.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> buffer, out Pdu? pdu, out int consumed)
    {
        pdu = null;
        consumed = 0;
        if (!TryGetFrameLength(buffer, out int length) || buffer.Length < length) return false;
        pdu = PduCodec.Decode(buffer[..length]);
        consumed = length;
        return true;
    }

    /// <summary>
    /// Slices the first complete frame off <paramref name="buffer"/> (System.IO.Pipelines style). Returns false when
    /// more data is needed; <paramref name="buffer"/> is then unchanged.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 4) return false;
        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        if (!TryGetFrameLength(prefix, out int length) || buffer.Length < length) return false;
        frame = buffer.Slice(0, length);
        buffer = buffer.Slice(length);
        return true;
    }

    internal static void ValidateLength(uint length, ReadOnlySpan<byte> start)
    {
        if (length is >= MinCommandLength and <= MaxCommandLength) return;
        var problem = Diagnose(start);
        string cause = problem switch
        {
            SmppFramingProblem.HttpOnSmppPort =>
                "the bytes are HTTP: an HTTP client is talking to the SMPP port, or the SMPP host/port points at a web server",
            SmppFramingProblem.TlsPlainMismatch =>
                "the bytes are a TLS record: one side uses TLS and the other plain TCP (check UseTls and the port)",
            _ => "the stream lost its SMPP framing (desync) or the peer does not speak SMPP",
        };
        throw new SmppFramingException(length, problem,
            $"Invalid SMPP command_length {length} (0x{length:X8}); valid is {MinCommandLength}..{MaxCommandLength}. Likely cause: {cause}. Closing the connection.");
    }

    /// <summary>Guesses why the first octets of a stream are not an SMPP header.</summary>
    public static SmppFramingProblem Diagnose(ReadOnlySpan<byte> start)
    {
        // TLS record: content type 0x14..0x17 (handshake 0x16, alert 0x15), then major version 3.
        if (start.Length >= 2 && start[0] is >= 0x14 and <= 0x17 && start[1] == 0x03) return SmppFramingProblem.TlsPlainMismatch;
        if (start.Length >= 4)
        {
            ReadOnlySpan<byte> head = start[..4];
            // 0x48545450 "HTTP" (node-smpp issue #230) or an HTTP request method.
            if (head.SequenceEqual("HTTP"u8) || head.SequenceEqual("GET "u8) || head.SequenceEqual("POST"u8) || head.SequenceEqual("PUT "u8)
                || head.SequenceEqual("HEAD"u8) || head.SequenceEqual("OPTI"u8) || head.SequenceEqual("DELE"u8)
                || head.SequenceEqual("PATC"u8) || head.SequenceEqual("CONN"u8))
            {
                return SmppFramingProblem.HttpOnSmppPort;
            }
        }
        return SmppFramingProblem.FramingDesync;
    }
}
