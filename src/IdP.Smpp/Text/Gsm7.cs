using System.Collections.Frozen;

namespace IdP.Smpp.Text;

/// <summary>
/// GSM 03.38 default alphabet with the extension table. Unpacked (one septet per octet) is what data_coding 0 means
/// in practice (SMPP.md); packing is offered for SMSCs that want it. '@' is 0x00, '$' is 0x02, '€' is 1B 65.
/// </summary>
public static class Gsm7
{
    /// <summary>The escape to the extension table.</summary>
    public const byte Escape = 0x1B;

    /// <summary>The basic table, indexed by septet (0x1B is the escape and maps to no character).</summary>
    private const string BasicTable =
        "@£$¥èéùìòÇ\nØø\rÅå" +
        "Δ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ" +
        " !\"#¤%&'()*+,-./" +
        "0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNO" +
        "PQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmno" +
        "pqrstuvwxyzäöñüà";

    private static readonly FrozenDictionary<char, byte> BasicMap = BuildBasic();

    private static readonly FrozenDictionary<char, byte> ExtensionMap = new Dictionary<char, byte>
    {
        ['\f'] = 0x0A, ['^'] = 0x14, ['{'] = 0x28, ['}'] = 0x29, ['\\'] = 0x2F,
        ['['] = 0x3C, ['~'] = 0x3D, [']'] = 0x3E, ['|'] = 0x40, ['€'] = 0x65,
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<byte, char> ExtensionReverse = ExtensionMap.ToFrozenDictionary(kv => kv.Value, kv => kv.Key);

    private static FrozenDictionary<char, byte> BuildBasic()
    {
        var map = new Dictionary<char, byte>();
        for (int i = 0; i < BasicTable.Length; i++)
        {
            if (i != Escape) map[BasicTable[i]] = (byte)i;
        }
        return map.ToFrozenDictionary();
    }

    /// <summary>True when <paramref name="c"/> is in the basic table.</summary>
    public static bool IsBasic(char c) => BasicMap.ContainsKey(c);

    /// <summary>True when <paramref name="c"/> is in the extension table (costs two septets).</summary>
    public static bool IsExtension(char c) => ExtensionMap.ContainsKey(c);

    /// <summary>True when <paramref name="c"/> can be sent in GSM 03.38.</summary>
    public static bool CanEncode(char c) => BasicMap.ContainsKey(c) || ExtensionMap.ContainsKey(c);

    /// <summary>True when every character of <paramref name="text"/> can be sent in GSM 03.38.</summary>
    public static bool CanEncode(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!CanEncode(c)) return false;
        }
        return true;
    }

    /// <summary>Septets for one character: 1 basic, 2 extension, 1 for an unencodable character (sent as '?').</summary>
    public static int SeptetCount(char c) => ExtensionMap.ContainsKey(c) ? 2 : 1;

    /// <summary>Septets <paramref name="text"/> needs (extension characters count 2).</summary>
    public static int SeptetCount(ReadOnlySpan<char> text)
    {
        int count = 0;
        foreach (char c in text) count += SeptetCount(c);
        return count;
    }

    /// <summary>
    /// Writes one septet per octet (unpacked) into <paramref name="destination"/>; returns the octets written.
    /// Characters outside GSM 03.38 are written as '?'. Allocation-free.
    /// </summary>
    public static int EncodeUnpacked(ReadOnlySpan<char> text, Span<byte> destination)
    {
        int position = 0;
        foreach (char c in text)
        {
            if (BasicMap.TryGetValue(c, out byte septet))
            {
                destination[position++] = septet;
            }
            else if (ExtensionMap.TryGetValue(c, out byte extension))
            {
                destination[position++] = Escape;
                destination[position++] = extension;
            }
            else
            {
                destination[position++] = (byte)'?';
            }
        }
        return position;
    }

    /// <summary>Encodes <paramref name="text"/> unpacked into a new array.</summary>
    public static byte[] EncodeUnpacked(string text)
    {
        var buffer = new byte[SeptetCount(text)];
        EncodeUnpacked(text, buffer);
        return buffer;
    }

    /// <summary>Decodes unpacked septets (the high bit is ignored). An unknown escape yields the basic character.</summary>
    public static string DecodeUnpacked(ReadOnlySpan<byte> septets)
    {
        var chars = septets.Length <= 512 ? stackalloc char[septets.Length] : new char[septets.Length];
        int count = 0;
        for (int i = 0; i < septets.Length; i++)
        {
            int s = septets[i] & 0x7F;
            if (s == Escape)
            {
                if (i + 1 >= septets.Length)
                {
                    break;
                }
                int next = septets[++i] & 0x7F;
                chars[count++] = ExtensionReverse.TryGetValue((byte)next, out char ext) ? ext : (next == Escape ? ' ' : BasicTable[next]);
            }
            else
            {
                chars[count++] = BasicTable[s];
            }
        }
        return new string(chars[..count]);
    }

    /// <summary>
    /// Packs septets 8-into-7 after <paramref name="fillBits"/> leading zero bits (the fill that aligns text after a UDH).
    /// When exactly 7 bits would be left over, a CR is packed there (3GPP TS 23.038 6.1.2.3.1) so that the receiver
    /// does not read a spurious '@'.
    /// </summary>
    public static byte[] Pack(ReadOnlySpan<byte> septets, int fillBits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fillBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fillBits, 6);
        int bits = fillBits + septets.Length * 7;
        int length = (bits + 7) / 8;
        bool padCr = length * 8 - bits == 7;
        var output = new byte[length];
        int bitPosition = fillBits;
        for (int i = 0; i < septets.Length + (padCr ? 1 : 0); i++)
        {
            int septet = i < septets.Length ? septets[i] & 0x7F : '\r';
            int byteIndex = bitPosition >> 3;
            int shift = bitPosition & 7;
            output[byteIndex] |= (byte)(septet << shift);
            if (shift > 1 && byteIndex + 1 < output.Length)
            {
                output[byteIndex + 1] |= (byte)(septet >> (8 - shift));
            }
            bitPosition += 7;
        }
        return output;
    }

    /// <summary>Unpacks septets packed 8-into-7 after <paramref name="fillBits"/>; a trailing CR pad is dropped.</summary>
    public static byte[] Unpack(ReadOnlySpan<byte> packed, int fillBits = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fillBits);
        int totalBits = packed.Length * 8 - fillBits;
        if (totalBits <= 0) return [];
        int count = totalBits / 7;
        var septets = new byte[count];
        int bitPosition = fillBits;
        for (int i = 0; i < count; i++)
        {
            int byteIndex = bitPosition >> 3;
            int shift = bitPosition & 7;
            int value = packed[byteIndex] >> shift;
            if (shift > 1 && byteIndex + 1 < packed.Length)
            {
                value |= packed[byteIndex + 1] << (8 - shift);
            }
            septets[i] = (byte)(value & 0x7F);
            bitPosition += 7;
        }
        // When the septets end exactly on an octet boundary the last one may be the CR pad written by Pack.
        if (count > 0 && totalBits % 7 == 0 && septets[^1] == '\r')
        {
            return septets[..^1];
        }
        return septets;
    }

    /// <summary>Fill bits needed after a UDH of <paramref name="udhOctets"/> octets (including the UDHL octet).</summary>
    public static int FillBits(int udhOctets) => (7 - (udhOctets * 8 % 7)) % 7;
}
