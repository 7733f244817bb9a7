namespace IdP.Smpp.Text;

/// <summary>What a text costs: its encoding, how many segments the handset receives, and how full they are.</summary>
public sealed record SmsTextInfo
{
    /// <summary>The alphabet the text is sent in.</summary>
    public required SmsEncoding Encoding { get; init; }

    /// <summary>The data_coding value.</summary>
    public byte DataCoding => SmsText.DataCodingOf(Encoding);

    /// <summary>Segments the handset receives (in payload mode: the parts the SMSC will most likely make).</summary>
    public required int Segments { get; init; }

    /// <summary>Encoded length: septets for GSM 7-bit (escapes count 2), UTF-16 code units for UCS2, octets for Latin-1.</summary>
    public required int EncodedUnits { get; init; }

    /// <summary>Capacity of each segment in the same units (160/153/152, 70/67/66 or 140/134/133).</summary>
    public required int UnitsPerSegment { get; init; }

    /// <summary>Characters that cannot be represented in <see cref="Encoding"/> and will be sent as '?'.</summary>
    public required string UnsupportedCharacters { get; init; }

    /// <summary>True when the text fits one segment (what an OTP template must do).</summary>
    public bool IsSingleSegment => Segments == 1;
}
