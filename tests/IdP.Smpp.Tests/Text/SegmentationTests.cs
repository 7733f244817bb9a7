using IdP.Smpp.Tests.TestSupport;
using IdP.Smpp.Text;

namespace IdP.Smpp.Tests.Text;

public sealed class SegmentationTests
{
    [Theory]
    [InlineData(160, 1, 160)]
    [InlineData(161, 2, 153)]
    [InlineData(306, 2, 153)]
    [InlineData(307, 3, 153)]
    public void Analyze_GsmLengths_GivesSegmentsAndCapacity(int length, int segments, int perSegment)
    {
        var info = SmsText.Analyze(new string('a', length));

        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
        Assert.Equal(segments, info.Segments);
        Assert.Equal(perSegment, info.UnitsPerSegment);
        Assert.Equal(length, info.EncodedUnits);
    }

    [Theory]
    [InlineData(SmppConcatenationMode.Udh8, 153, 67, 134)]
    [InlineData(SmppConcatenationMode.Udh16, 152, 66, 133)]
    [InlineData(SmppConcatenationMode.Sar, 152, 66, 133)]
    [InlineData(SmppConcatenationMode.Payload, 153, 67, 134)]
    public void Analyze_LongTextPerMode_UsesTableCapacities(SmppConcatenationMode mode, int gsm, int ucs2, int latin1)
    {
        Assert.Equal(gsm, SmsText.Analyze(new string('a', 400), SmppDataCodingPolicy.Auto, mode).UnitsPerSegment);
        Assert.Equal(ucs2, SmsText.Analyze(new string('ж', 400), SmppDataCodingPolicy.Auto, mode).UnitsPerSegment);
        Assert.Equal(latin1, SmsText.Analyze(new string('é', 400), SmppDataCodingPolicy.Latin1, mode).UnitsPerSegment);
    }

    [Fact]
    public void Analyze_EuroSigns_CountTwoSeptets()
    {
        var info = SmsText.Analyze(new string('€', 80));

        Assert.Equal(160, info.EncodedUnits);
        Assert.Equal(1, info.Segments);
        Assert.Equal(2, SmsText.Analyze(new string('€', 81)).Segments);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Analyze_NonGsmText_IsUcs2WithUcs2Capacities(int length, int segments)
    {
        var info = SmsText.Analyze("ж" + new string('a', length - 1));

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal((byte)0x08, info.DataCoding);
        Assert.Equal(segments, info.Segments);
    }

    [Fact]
    public void Analyze_ForcedGsm7WithUnsupportedCharacters_ReportsThem()
    {
        var info = SmsText.Analyze("Kod: 12 ж ç", SmppDataCodingPolicy.Gsm7);

        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
        Assert.Equal("жç", info.UnsupportedCharacters);
    }

    [Fact]
    public void Encode_EscapeAt153rdSeptet_MovesWholePairToNextSegment()
    {
        string text = new string('a', 152) + "€" + new string('b', 20);

        var encoded = SmsText.Encode(text, SmppDataCodingPolicy.Auto, SmppConcatenationMode.Udh8, 7);

        Assert.Equal(2, encoded.Segments.Count);
        var first = encoded.Segments[0].ShortMessage.Span[6..];
        var second = encoded.Segments[1].ShortMessage.Span[6..];
        Assert.Equal(152, first.Length);
        Assert.NotEqual(Gsm7.Escape, first[^1]);
        Assert.Equal("1b65", Hex.Of(second[..2]));
        Assert.Equal(text, Reassemble(encoded));
    }

    [Fact]
    public void Encode_SurrogatePairAtUcs2Boundary_IsNeverSplit()
    {
        string text = new string('ж', 66) + "😀" + new string('ж', 10);

        var encoded = SmsText.Encode(text, SmppDataCodingPolicy.Auto, SmppConcatenationMode.Udh8, 7);

        Assert.Equal(SmsEncoding.Ucs2, encoded.Encoding);
        var first = encoded.Segments[0].ShortMessage.Span[6..];
        var second = encoded.Segments[1].ShortMessage.Span[6..];
        Assert.Equal(132, first.Length);
        Assert.Equal(0, first.Length % 2);
        Assert.Equal("d83dde00", Hex.Of(second[..4]));
        Assert.Equal(text, Reassemble(encoded));
    }

    [Fact]
    public void Encode_Udh8_WritesHeaderAndNumbersFromOne()
    {
        var encoded = SmsText.Encode(new string('x', 200), SmppDataCodingPolicy.Auto, SmppConcatenationMode.Udh8, 0x1234);

        Assert.Equal(2, encoded.Segments.Count);
        Assert.Equal("0500033402" + "01", Hex.Of(encoded.Segments[0].ShortMessage.Span[..6]));
        Assert.Equal("0500033402" + "02", Hex.Of(encoded.Segments[1].ShortMessage.Span[..6]));
        Assert.All(encoded.Segments, s => Assert.True(s.HasUdh));
    }

    [Fact]
    public void Encode_Udh16_WritesSixteenBitReference()
    {
        var encoded = SmsText.Encode(new string('x', 200), SmppDataCodingPolicy.Auto, SmppConcatenationMode.Udh16, 0x1234);

        Assert.Equal("06080412340201", Hex.Of(encoded.Segments[0].ShortMessage.Span[..7]));
        Assert.Equal(152, encoded.Segments[0].ShortMessage.Length - 7);
    }

    [Fact]
    public void Encode_Sar_SplitsWithoutUdh()
    {
        var encoded = SmsText.Encode(new string('x', 200), SmppDataCodingPolicy.Auto, SmppConcatenationMode.Sar, 0x1234);

        Assert.Equal(2, encoded.Segments.Count);
        Assert.All(encoded.Segments, s => Assert.False(s.HasUdh));
        Assert.Equal(152, encoded.Segments[0].ShortMessage.Length);
        Assert.Equal((ushort)0x1234, encoded.Segments[1].Reference);
        Assert.Equal(2, encoded.Segments[1].SequenceNumber);
    }

    [Fact]
    public void Encode_Payload_PutsWholeTextInOneMessagePayload()
    {
        var encoded = SmsText.Encode(new string('x', 400), SmppDataCodingPolicy.Auto, SmppConcatenationMode.Payload, 1);

        var only = Assert.Single(encoded.Segments);
        Assert.Equal(0, only.ShortMessage.Length);
        Assert.Equal(400, only.MessagePayload.Length);
        Assert.Equal(3, encoded.Info.Segments);
    }

    [Fact]
    public void Encode_ShortText_HasNoUdhInAnyMode()
    {
        foreach (var mode in Enum.GetValues<SmppConcatenationMode>().Where(m => m != SmppConcatenationMode.Payload))
        {
            var only = Assert.Single(SmsText.Encode("Your code is 123456", SmppDataCodingPolicy.Auto, mode, 1).Segments);
            Assert.False(only.HasUdh);
        }
    }

    [Fact]
    public void Encode_PackedGsmWithUdh_DecodesWithFillBits()
    {
        string text = new string('a', 150) + "{code} €" + new string('z', 30);

        var encoded = SmsText.Encode(text, SmppDataCodingPolicy.Gsm7, SmppConcatenationMode.Udh8, 9, gsm7Packed: true);

        Assert.Equal(2, encoded.Segments.Count);
        Assert.All(encoded.Segments, s => Assert.True(s.ShortMessage.Length <= 140));
        Assert.Equal(text, string.Concat(encoded.Segments.Select(s => SmsText.Decode(s.ShortMessage.Span, 0, hasUdh: true, gsm7Packed: true))));
    }

    [Fact]
    public void Encode_Latin1Policy_UsesDataCoding3()
    {
        var encoded = SmsText.Encode("Café €", SmppDataCodingPolicy.Latin1, SmppConcatenationMode.Udh8, 1);

        Assert.Equal((byte)0x03, encoded.DataCoding);
        Assert.Equal("436166e9203f", Hex.Of(encoded.Segments[0].ShortMessage.Span));
    }

    [Fact]
    public void Encode_TooLongForConcatenation_Throws()
    {
        Assert.Throws<ArgumentException>(() => SmsText.Encode(new string('a', 153 * 256), SmppDataCodingPolicy.Auto, SmppConcatenationMode.Udh8, 1));
    }

    [Fact]
    public void Encode_RandomTexts_AlwaysReassembleAndFitLimits()
    {
        var random = new Random(20251123);
        string alphabet = "abc XYZ 0123456789@$€{}[]~|^\\ÄÖÜß\nжд😀🎉é";
        for (int i = 0; i < 300; i++)
        {
            var chars = new System.Text.StringBuilder();
            int length = random.Next(1, 500);
            while (chars.Length < length)
            {
                int pick = random.Next(alphabet.Length);
                if (char.IsLowSurrogate(alphabet[pick])) pick--;
                chars.Append(alphabet[pick]);
                if (char.IsHighSurrogate(alphabet[pick])) chars.Append(alphabet[pick + 1]);
            }
            string text = chars.ToString();
            var mode = (SmppConcatenationMode)random.Next(3);

            var encoded = SmsText.Encode(text, SmppDataCodingPolicy.Auto, mode, (ushort)i);

            Assert.All(encoded.Segments, s => Assert.True(s.ShortMessage.Length <= 140, $"segment of {s.ShortMessage.Length} octets"));
            Assert.Equal(text, Reassemble(encoded));
            Assert.Equal(encoded.Segments.Count, SmsText.Analyze(text, SmppDataCodingPolicy.Auto, mode).Segments);
        }
    }

    [Fact]
    public void TryReadConcatenation_Udh16Header_ReadsFields()
    {
        Assert.True(SmsText.TryReadConcatenation(Hex.Bytes("06080412340305 41"), out ushort reference, out int total, out int sequence));
        Assert.Equal((0x1234, 3, 5), (reference, total, sequence));
    }

    private static string Reassemble(EncodedSms encoded) =>
        string.Concat(encoded.Segments.Select(s => SmsText.Decode(s.ShortMessage.Span, encoded.DataCoding, s.HasUdh)));
}
