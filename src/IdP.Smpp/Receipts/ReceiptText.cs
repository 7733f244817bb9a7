namespace IdP.Smpp.Receipts;

/// <summary>The fields of an SMPP 3.4 Appendix B receipt text; every field is optional.</summary>
public sealed record ReceiptText
{
    /// <summary>id: (trimmed).</summary>
    public string? Id { get; init; }
    /// <summary>sub:.</summary>
    public int? Submitted { get; init; }
    /// <summary>dlvrd:.</summary>
    public int? Delivered { get; init; }
    /// <summary>submit date: (10 or 12 digits, read as UTC).</summary>
    public DateTimeOffset? SubmitDate { get; init; }
    /// <summary>done date: (10 or 12 digits, read as UTC).</summary>
    public DateTimeOffset? DoneDate { get; init; }
    /// <summary>stat: as sent (e.g. DELIVRD).</summary>
    public string? Stat { get; init; }
    /// <summary>The state the stat: value maps to.</summary>
    public MessageState State { get; init; }
    /// <summary>err: as sent (e.g. 000).</summary>
    public string? Error { get; init; }
    /// <summary>text: / Text: (the start of the original message).</summary>
    public string? Text { get; init; }
}
