namespace IdP.Smpp;

/// <summary>A text message to send.</summary>
public sealed record SmsMessage
{
    /// <summary>The destination in E.164, with or without '+' (the '+' is not sent).</summary>
    public required string Destination { get; init; }

    /// <summary>The text. Never logged.</summary>
    public required string Text { get; init; }

    /// <summary>Overrides <see cref="SmppClientOptions.SourceAddress"/>.</summary>
    public string? SourceAddress { get; init; }

    /// <summary>user_message_reference TLV, echoed by some SMSCs in receipts.</summary>
    public ushort? UserMessageReference { get; init; }

    /// <summary>Ask for a delivery receipt (registered_delivery 1). Default true; <see cref="SmppClientOptions.RegisteredDelivery"/> false turns it off globally.</summary>
    public bool RequestDeliveryReceipt { get; init; } = true;

    /// <summary>Overrides <see cref="SmppClientOptions.ValidityPeriod"/> (use the OTP's lifetime).</summary>
    public TimeSpan? ValidityPeriod { get; init; }

    /// <summary>Overrides <see cref="SmppClientOptions.PriorityFlag"/>.</summary>
    public byte? Priority { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"SmsMessage to {Logging.SmppMasking.MaskAddress(Destination)} ({Text.Length} chars)";
}
