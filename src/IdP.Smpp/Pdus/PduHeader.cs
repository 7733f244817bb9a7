using System.Buffers.Binary;

namespace IdP.Smpp.Pdus;

/// <summary>The fixed 16-octet SMPP header.</summary>
/// <param name="CommandLength">command_length, including the header.</param>
/// <param name="CommandId">command_id.</param>
/// <param name="CommandStatus">command_status.</param>
/// <param name="SequenceNumber">sequence_number.</param>
public readonly record struct PduHeader(uint CommandLength, CommandId CommandId, CommandStatus CommandStatus, uint SequenceNumber)
{
    /// <summary>Header length in octets.</summary>
    public const int Length = 16;

    /// <summary>Reads a header from at least 16 octets.</summary>
    public static PduHeader Read(ReadOnlySpan<byte> buffer) => new(
        BinaryPrimitives.ReadUInt32BigEndian(buffer),
        (CommandId)BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]),
        (CommandStatus)BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(buffer[12..]));

    /// <summary>Writes the header into at least 16 octets.</summary>
    public void Write(Span<byte> buffer)
    {
        BinaryPrimitives.WriteUInt32BigEndian(buffer, CommandLength);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], (uint)CommandId);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[8..], (uint)CommandStatus);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[12..], SequenceNumber);
    }
}
