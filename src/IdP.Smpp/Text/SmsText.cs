using System.Buffers.Binary;
using System.Text;
using IdP.Smpp.Pdus;

namespace IdP.Smpp.Text;

/// <summary>
/// Encoding, segmentation and decoding of SMS text. Segments are cut by encoded length and never split a GSM escape
/// pair or a UTF-16 surrogate pair (gosmpp PRs #197/#198, telenordigital/sms-smpp PR #172).
/// </summary>
public static class SmsText
{
    /// <summary>The most parts one concatenated message can have (the UDH counts them in one octet).</summary>
    public const int MaxSegments = 255;

    /// <summary>Tells how many segments and which encoding <paramref name="text"/> needs.</summary>
    public static SmsTextInfo Analyze(string text, SmppDataCodingPolicy policy = SmppDataCodingPolicy.Auto, SmppConcatenationMode mode = SmppConcatenationMode.Udh8)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoding = ChooseEncoding(text, policy);
        var (bytes, boundaries) = EncodeUnits(text, encoding);
        int segments = CountSegments(bytes.Length, boundaries, encoding, mode == SmppConcatenationMode.Payload ? SmppConcatenationMode.Udh8 : mode);
        return BuildInfo(text, encoding, mode, bytes.Length, segments);
    }

    /// <summary>
    /// Encodes <paramref name="text"/> and splits it into the submit_sm parts for <paramref name="mode"/>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="policy">The data coding policy.</param>
    /// <param name="mode">The concatenation mode.</param>
    /// <param name="reference">The concatenation reference (only the low 8 bits are used with <see cref="SmppConcatenationMode.Udh8"/>).</param>
    /// <param name="gsm7Packed">Pack GSM 7-bit septets 8-into-7 (with fill bits after a UDH).</param>
    /// <exception cref="ArgumentException">The text needs more than 255 parts.</exception>
    public static EncodedSms Encode(string text, SmppDataCodingPolicy policy, SmppConcatenationMode mode, ushort reference, bool gsm7Packed = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoding = ChooseEncoding(text, policy);
        var (bytes, boundaries) = EncodeUnits(text, encoding);
        bool packed = gsm7Packed && encoding == SmsEncoding.Gsm7;
        List<SmsSegment> segments;
        int handsetSegments;
        if (mode == SmppConcatenationMode.Payload)
        {
            byte[] payload = packed ? Gsm7.Pack(bytes) : bytes;
            segments = [new SmsSegment(ReadOnlyMemory<byte>.Empty, payload, false, 1, 1, reference)];
            handsetSegments = CountSegments(bytes.Length, boundaries, encoding, SmppConcatenationMode.Udh8);
        }
        else
        {
            segments = Split(bytes, boundaries, encoding, mode, reference, packed);
            handsetSegments = segments.Count;
        }
        return new EncodedSms(encoding, mode, segments, BuildInfo(text, encoding, mode, bytes.Length, handsetSegments));
    }

    /// <summary>
    /// Decodes a short_message (or message_payload) for display: strips the UDH when <paramref name="hasUdh"/>, then
    /// decodes by data_coding (0 GSM unpacked, or packed when <paramref name="gsm7Packed"/>; 1 ASCII; 3 Latin-1; 8 UCS2;
    /// other values as Latin-1).
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> content, byte dataCoding, bool hasUdh = false, bool gsm7Packed = false)
    {
        int udhLength = 0;
        if (hasUdh && content.Length > 0)
        {
            udhLength = Math.Min(content.Length, content[0] + 1);
        }
        var body = content[udhLength..];
        return dataCoding switch
        {
            0x00 when gsm7Packed => DecodeGsmPacked(content, udhLength),
            0x00 => Gsm7.DecodeUnpacked(body),
            0x01 => Encoding.ASCII.GetString(body),
            0x08 => Encoding.BigEndianUnicode.GetString(body[..(body.Length & ~1)]),
            _ => Encoding.Latin1.GetString(body),
        };
    }

    /// <summary>The data_coding octet for an encoding.</summary>
    public static byte DataCodingOf(SmsEncoding encoding) => encoding switch
    {
        SmsEncoding.Gsm7 => 0x00,
        SmsEncoding.Latin1 => 0x03,
        _ => 0x08,
    };

    /// <summary>Reads the concatenation header from a short_message with a UDH (IEI 0x00 or 0x08), if present.</summary>
    public static bool TryReadConcatenation(ReadOnlySpan<byte> shortMessage, out ushort reference, out int total, out int sequence)
    {
        reference = 0; total = 0; sequence = 0;
        if (shortMessage.Length < 1) return false;
        int udhl = shortMessage[0];
        if (udhl + 1 > shortMessage.Length) return false;
        var ies = shortMessage.Slice(1, udhl);
        while (ies.Length >= 2)
        {
            byte iei = ies[0];
            int length = ies[1];
            if (length + 2 > ies.Length) return false;
            var data = ies.Slice(2, length);
            if (iei == 0x00 && length == 3) { reference = data[0]; total = data[1]; sequence = data[2]; return true; }
            if (iei == 0x08 && length == 4) { reference = BinaryPrimitives.ReadUInt16BigEndian(data); total = data[2]; sequence = data[3]; return true; }
            ies = ies[(length + 2)..];
        }
        return false;
    }

    internal static SmsEncoding ChooseEncoding(string text, SmppDataCodingPolicy policy) => policy switch
    {
        SmppDataCodingPolicy.Gsm7 => SmsEncoding.Gsm7,
        SmppDataCodingPolicy.Ucs2 => SmsEncoding.Ucs2,
        SmppDataCodingPolicy.Latin1 => SmsEncoding.Latin1,
        _ => Gsm7.CanEncode(text) ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2,
    };

    private static string DecodeGsmPacked(ReadOnlySpan<byte> content, int udhLength)
    {
        int fill = udhLength == 0 ? 0 : Gsm7.FillBits(udhLength);
        return Gsm7.DecodeUnpacked(Gsm7.Unpack(content[udhLength..], fill));
    }

    private static SmsTextInfo BuildInfo(string text, SmsEncoding encoding, SmppConcatenationMode mode, int encodedBytes, int segments)
    {
        int unitSize = encoding == SmsEncoding.Ucs2 ? 2 : 1;
        var capacityMode = mode == SmppConcatenationMode.Payload ? SmppConcatenationMode.Udh8 : mode;
        int capacity = segments <= 1 ? SingleCapacity(encoding) : MultiCapacity(encoding, capacityMode);
        return new SmsTextInfo
        {
            Encoding = encoding,
            Segments = segments,
            EncodedUnits = encodedBytes / unitSize,
            UnitsPerSegment = capacity / unitSize,
            UnsupportedCharacters = Unsupported(text, encoding),
        };
    }

    private static string Unsupported(string text, SmsEncoding encoding)
    {
        var builder = new StringBuilder();
        foreach (char c in text)
        {
            bool ok = encoding switch
            {
                SmsEncoding.Gsm7 => Gsm7.CanEncode(c),
                SmsEncoding.Latin1 => c <= 0xFF,
                _ => true,
            };
            if (!ok && builder.ToString().IndexOf(c) < 0) builder.Append(c);
        }
        return builder.ToString();
    }

    // Capacities in octets of encoded text (GSM counted unpacked: one septet = one octet).
    private static int SingleCapacity(SmsEncoding encoding) => encoding == SmsEncoding.Gsm7 ? 160 : 140;

    private static int MultiCapacity(SmsEncoding encoding, SmppConcatenationMode mode)
    {
        // Sar: the SMSC builds the UDH and sar_msg_ref_num is 16-bit, so leave room for the 7-octet form.
        bool longUdh = mode is SmppConcatenationMode.Udh16 or SmppConcatenationMode.Sar;
        return encoding switch
        {
            SmsEncoding.Gsm7 => longUdh ? 152 : 153,
            SmsEncoding.Ucs2 => longUdh ? 132 : 134, // 66 / 67 characters: UCS2 parts stay even
            _ => longUdh ? 133 : 134,
        };
    }

    /// <summary>Encodes the whole text and records the end offset of every indivisible unit.</summary>
    private static (byte[] Bytes, int[] Boundaries) EncodeUnits(string text, SmsEncoding encoding)
    {
        var bytes = new List<byte>(text.Length * 2);
        var boundaries = new List<int>(text.Length);
        Span<byte> septets = stackalloc byte[2];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (encoding)
            {
                case SmsEncoding.Gsm7:
                    int n = Gsm7.EncodeUnpacked([c], septets);
                    bytes.AddRange(septets[..n]);
                    break;
                case SmsEncoding.Latin1:
                    bytes.Add(c <= 0xFF ? (byte)c : (byte)'?');
                    break;
                default:
                    bytes.Add((byte)(c >> 8));
                    bytes.Add((byte)c);
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        char low = text[++i];
                        bytes.Add((byte)(low >> 8));
                        bytes.Add((byte)low);
                    }
                    break;
            }
            boundaries.Add(bytes.Count);
        }
        return (bytes.ToArray(), boundaries.ToArray());
    }

    private static int CountSegments(int length, int[] boundaries, SmsEncoding encoding, SmppConcatenationMode mode)
    {
        if (length <= SingleCapacity(encoding)) return 1;
        return CutPoints(boundaries, MultiCapacity(encoding, mode)).Count;
    }

    /// <summary>Greedy cut on unit boundaries; returns the end offset of each part.</summary>
    private static List<int> CutPoints(int[] boundaries, int capacity)
    {
        var ends = new List<int>();
        int start = 0;
        int lastFitting = 0;
        foreach (int end in boundaries)
        {
            if (end - start > capacity)
            {
                ends.Add(lastFitting);
                start = lastFitting;
            }
            lastFitting = end;
        }
        if (lastFitting > start) ends.Add(lastFitting);
        if (ends.Count > MaxSegments)
        {
            throw new ArgumentException($"The text needs {ends.Count} segments; at most {MaxSegments} can be concatenated.");
        }
        return ends;
    }

    private static List<SmsSegment> Split(byte[] bytes, int[] boundaries, SmsEncoding encoding, SmppConcatenationMode mode, ushort reference, bool packed)
    {
        if (bytes.Length <= SingleCapacity(encoding))
        {
            byte[] single = packed ? Gsm7.Pack(bytes) : bytes;
            return [new SmsSegment(single, ReadOnlyMemory<byte>.Empty, false, 1, 1, reference)];
        }
        var ends = CutPoints(boundaries, MultiCapacity(encoding, mode));
        var segments = new List<SmsSegment>(ends.Count);
        int start = 0;
        for (int i = 0; i < ends.Count; i++)
        {
            var part = bytes.AsSpan(start, ends[i] - start);
            start = ends[i];
            byte[] udh = mode switch
            {
                SmppConcatenationMode.Udh8 => [0x05, 0x00, 0x03, (byte)reference, (byte)ends.Count, (byte)(i + 1)],
                SmppConcatenationMode.Udh16 => [0x06, 0x08, 0x04, (byte)(reference >> 8), (byte)reference, (byte)ends.Count, (byte)(i + 1)],
                _ => [],
            };
            byte[] body = packed ? Gsm7.Pack(part, udh.Length == 0 ? 0 : Gsm7.FillBits(udh.Length)) : part.ToArray();
            byte[] shortMessage = new byte[udh.Length + body.Length];
            udh.CopyTo(shortMessage, 0);
            body.CopyTo(shortMessage, udh.Length);
            if (shortMessage.Length > ShortMessagePdu.MaxShortMessageLength)
            {
                throw new InvalidOperationException($"Segment {i + 1} is {shortMessage.Length} octets; short_message holds at most 254.");
            }
            segments.Add(new SmsSegment(shortMessage, ReadOnlyMemory<byte>.Empty, udh.Length > 0, i + 1, ends.Count, reference));
        }
        return segments;
    }
}
