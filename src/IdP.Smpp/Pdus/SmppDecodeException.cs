namespace IdP.Smpp.Pdus;

/// <summary>
/// A PDU body could not be decoded (for example sm_length points past the end of the PDU).
/// When the framing itself is intact (<see cref="SmppFramingException"/> is the other case) the connection may
/// continue and the peer should get a generic_nack with <see cref="SequenceNumber"/>.
/// </summary>
public class SmppDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SmppDecodeException(string message) : base(message) { }

    /// <summary>Creates the exception with an inner exception.</summary>
    public SmppDecodeException(string message, Exception inner) : base(message, inner) { }

    /// <summary>The command_id of the undecodable PDU, when the header was readable.</summary>
    public CommandId? CommandId { get; init; }

    /// <summary>The sequence_number of the undecodable PDU, when the header was readable.</summary>
    public uint? SequenceNumber { get; init; }
}
