using System.Buffers.Binary;
using System.Text;

namespace IdP.Smpp.Pdus;

/// <summary>Writes SMPP fields into a caller-supplied span. Allocation-free.</summary>
internal ref struct PduWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public PduWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;

    public void WriteByte(byte value) => _buffer[_position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    public void WriteCString(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _position += Encoding.Latin1.GetBytes(value, _buffer[_position..]);
        }
        _buffer[_position++] = 0;
    }

    public void WriteOctets(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer[_position..]);
        _position += value.Length;
    }

    public void WriteTlvHeader(ushort tag, int length)
    {
        WriteUInt16(tag);
        WriteUInt16((ushort)length);
    }

    public static int CStringLength(string? value) => (value?.Length ?? 0) + 1;
}
