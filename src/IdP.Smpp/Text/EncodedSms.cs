namespace IdP.Smpp.Text;

/// <summary>A text encoded and split into the submit_sm PDUs that carry it.</summary>
public sealed class EncodedSms
{
    internal EncodedSms(SmsEncoding encoding, SmppConcatenationMode mode, IReadOnlyList<SmsSegment> segments, SmsTextInfo info)
    {
        Encoding = encoding;
        Mode = mode;
        Segments = segments;
        Info = info;
    }

    /// <summary>The alphabet.</summary>
    public SmsEncoding Encoding { get; }

    /// <summary>The data_coding value to send.</summary>
    public byte DataCoding => SmsText.DataCodingOf(Encoding);

    /// <summary>The concatenation mode used.</summary>
    public SmppConcatenationMode Mode { get; }

    /// <summary>One entry per submit_sm.</summary>
    public IReadOnlyList<SmsSegment> Segments { get; }

    /// <summary>The analysis (segment count as the handset sees it, units).</summary>
    public SmsTextInfo Info { get; }
}
