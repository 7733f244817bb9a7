using System.Buffers;

namespace IdP.Smpp.Pdus;

/// <summary>Encodes and decodes whole PDUs. Encoding into a caller-supplied buffer allocates nothing.</summary>
public static class PduCodec
{
    /// <summary>Creates an empty PDU object for a command id (an <see cref="UnknownPdu"/> for ids not implemented).</summary>
    public static Pdu Create(CommandId commandId) => commandId switch
    {
        CommandId.BindTransmitter or CommandId.BindReceiver or CommandId.BindTransceiver => new BindRequest(commandId),
        CommandId.BindTransmitterResp or CommandId.BindReceiverResp or CommandId.BindTransceiverResp => new BindResponse(commandId),
        CommandId.SubmitSm => new SubmitSm(),
        CommandId.SubmitSmResp => new SubmitSmResp(),
        CommandId.DeliverSm => new DeliverSm(),
        CommandId.DeliverSmResp => new DeliverSmResp(),
        CommandId.DataSm => new DataSm(),
        CommandId.DataSmResp => new DataSmResp(),
        CommandId.EnquireLink => new EnquireLink(),
        CommandId.EnquireLinkResp => new EnquireLinkResp(),
        CommandId.Unbind => new Unbind(),
        CommandId.UnbindResp => new UnbindResp(),
        CommandId.GenericNack => new GenericNack(),
        _ => new UnknownPdu(commandId),
    };

    /// <summary>Encodes <paramref name="pdu"/> into <paramref name="destination"/>; returns the octets written.</summary>
    /// <exception cref="ArgumentException">The destination is too small or a field breaks an enforced limit.</exception>
    public static int Encode(Pdu pdu, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        int length = pdu.EncodedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The buffer holds {destination.Length} octets; the PDU needs {length}.", nameof(destination));
        }
        new PduHeader((uint)length, pdu.CommandId, pdu.CommandStatus, pdu.SequenceNumber).Write(destination);
        var writer = new PduWriter(destination[PduHeader.Length..length]);
        pdu.WriteBody(ref writer);
        if (writer.Position != length - PduHeader.Length)
        {
            throw new InvalidOperationException($"{pdu.CommandId} wrote {writer.Position} body octets but announced {length - PduHeader.Length}.");
        }
        return length;
    }

    /// <summary>Encodes <paramref name="pdu"/> into <paramref name="writer"/>.</summary>
    public static void Encode(Pdu pdu, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        ArgumentNullException.ThrowIfNull(writer);
        int written = Encode(pdu, writer.GetSpan(pdu.EncodedLength));
        writer.Advance(written);
    }

    /// <summary>Encodes <paramref name="pdu"/> into a new array.</summary>
    public static byte[] Encode(Pdu pdu)
    {
        ArgumentNullException.ThrowIfNull(pdu);
        var buffer = new byte[pdu.EncodedLength];
        Encode(pdu, buffer);
        return buffer;
    }

    /// <summary>Decodes one complete frame (exactly command_length octets).</summary>
    /// <exception cref="SmppFramingException">command_length is invalid or does not match the frame.</exception>
    /// <exception cref="SmppDecodeException">The body is malformed.</exception>
    public static Pdu Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < PduHeader.Length)
        {
            throw new SmppDecodeException($"A PDU needs at least {PduHeader.Length} octets; got {frame.Length}.");
        }
        var header = PduHeader.Read(frame);
        SmppFrameDecoder.ValidateLength(header.CommandLength, frame);
        if (header.CommandLength != frame.Length)
        {
            throw new SmppDecodeException($"command_length is {header.CommandLength} but the frame has {frame.Length} octets.")
            {
                CommandId = header.CommandId,
                SequenceNumber = header.SequenceNumber,
            };
        }
        var pdu = Create(header.CommandId);
        pdu.CommandStatus = header.CommandStatus;
        pdu.SequenceNumber = header.SequenceNumber;
        try
        {
            var reader = new PduReader(frame[PduHeader.Length..]);
            pdu.ReadBody(ref reader);
        }
        catch (SmppDecodeException ex)
        {
            throw new SmppDecodeException($"Malformed {header.CommandId} (seq {header.SequenceNumber}): {ex.Message}", ex)
            {
                CommandId = header.CommandId,
                SequenceNumber = header.SequenceNumber,
            };
        }
        return pdu;
    }

    /// <summary>Decodes one complete frame held in a (possibly multi-segment) sequence.</summary>
    public static Pdu Decode(in ReadOnlySequence<byte> frame)
    {
        if (frame.IsSingleSegment) return Decode(frame.FirstSpan);
        byte[] rented = ArrayPool<byte>.Shared.Rent((int)frame.Length);
        try
        {
            frame.CopyTo(rented);
            return Decode(rented.AsSpan(0, (int)frame.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
