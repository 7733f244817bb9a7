using System.Buffers.Binary;
using System.Text;

namespace IdP.Smpp.Pdus;

/// <summary>
/// Reads SMPP fields from a PDU body. Tolerant by design (SMPP.md pitfall 2): a body that ends early yields defaults
/// for the missing trailing fields instead of throwing; only a length that points past the end throws.
/// </summary>
internal ref struct PduReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public PduReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Remaining => _buffer.Length - _position;

    public readonly bool End => _position >= _buffer.Length;

    public byte ReadByte() => End ? (byte)0 : _buffer[_position++];

    public ushort ReadUInt16()
    {
        if (End) return 0;
        EnsureAvailable(2, "2-octet integer");
        ushort value = BinaryPrimitives.ReadUInt16BigEndian(_buffer[_position..]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        if (End) return 0;
        EnsureAvailable(4, "4-octet integer");
        uint value = BinaryPrimitives.ReadUInt32BigEndian(_buffer[_position..]);
        _position += 4;
        return value;
    }

    /// <summary>A C-Octet String without its NUL; a missing NUL at the end of the body takes the rest.</summary>
    public ReadOnlySpan<byte> ReadCStringSpan()
    {
        if (End) return [];
        var rest = _buffer[_position..];
        int nul = rest.IndexOf((byte)0);
        if (nul < 0)
        {
            _position = _buffer.Length;
            return rest;
        }
        _position += nul + 1;
        return rest[..nul];
    }

    // C-Octet Strings are ASCII by the spec; Latin-1 maps every byte to one char, so nothing is lost or rejected.
    public string ReadCString()
    {
        var span = ReadCStringSpan();
        return span.IsEmpty ? string.Empty : Encoding.Latin1.GetString(span);
    }

    public ReadOnlySpan<byte> ReadOctets(int length, string what)
    {
        if (length == 0) return [];
        EnsureAvailable(length, what);
        var span = _buffer.Slice(_position, length);
        _position += length;
        return span;
    }

    public ReadOnlySpan<byte> ReadRest()
    {
        var rest = _buffer[_position..];
        _position = _buffer.Length;
        return rest;
    }

    private readonly void EnsureAvailable(int length, string what)
    {
        if (length > Remaining)
        {
            throw new SmppDecodeException($"{what} needs {length} octets but only {Remaining} remain in the PDU body.");
        }
    }
}
