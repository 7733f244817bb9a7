using IdP.Smpp.Pdus;

namespace IdP.Smpp.Simulator;

/// <summary>A submit_sm or data_sm the simulator accepted.</summary>
public sealed record SimulatedMessage
{
    /// <summary>submit_sm or data_sm.</summary>
    public required CommandId CommandId { get; init; }
    /// <summary>destination_addr.</summary>
    public required string Destination { get; init; }
    /// <summary>dest_addr_ton.</summary>
    public byte DestinationTon { get; init; }
    /// <summary>dest_addr_npi.</summary>
    public byte DestinationNpi { get; init; }
    /// <summary>source_addr.</summary>
    public required string Source { get; init; }
    /// <summary>source_addr_ton.</summary>
    public byte SourceTon { get; init; }
    /// <summary>source_addr_npi.</summary>
    public byte SourceNpi { get; init; }
    /// <summary>The text, decoded by data_coding (UDH stripped; message_payload used when sm_length is 0).</summary>
    public required string Text { get; init; }
    /// <summary>data_coding.</summary>
    public byte DataCoding { get; init; }
    /// <summary>short_message octets as received (with UDH), or message_payload when short_message is empty.</summary>
    public required byte[] ShortMessage { get; init; }
    /// <summary>esm_class.</summary>
    public byte EsmClass { get; init; }
    /// <summary>registered_delivery.</summary>
    public byte RegisteredDelivery { get; init; }
    /// <summary>validity_period.</summary>
    public string ValidityPeriod { get; init; } = string.Empty;
    /// <summary>The TLVs received.</summary>
    public required TlvSet Tlvs { get; init; }
    /// <summary>The message id the simulator assigned.</summary>
    public required string MessageId { get; init; }
    /// <summary>system_id of the ESME that sent it.</summary>
    public required string SystemId { get; init; }
    /// <summary>When it was received.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
