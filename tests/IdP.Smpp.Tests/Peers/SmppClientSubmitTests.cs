using System.Text;
using IdP.Smpp.Text;
using Xunit.Abstractions;

namespace IdP.Smpp.Tests.Peers;

/// <summary>
/// submit_sm from our SmppClient as the independent node-smpp SMSC sees it: exact octets,
/// addresses and flags, and node-smpp's own decoding of the text.
/// </summary>
public sealed class SmppClientSubmitTests(ITestOutputHelper output) : IAsyncLifetime
{
    private NodeSmscProcess _smsc = null!;

    public async Task InitializeAsync() => _smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions());

    public async Task DisposeAsync() => await _smsc.DisposeAsync();

    [Fact]
    public async Task SubmitAsync_GsmTextWithEscapes_PeerReceivesUnpackedGsm7Octets()
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc), output, _smsc);

        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code 123 € @" }, PeerSession.TimeoutToken());

        var submit = await _smsc.WaitForEventAsync(e => e.Event == "submit", PeerSession.Timeout);
        // GSM 03.38 unpacked: "Code 123 " ASCII, € = ESC 0x65, @ = 0x00 (SMPP.md's captured vector).
        Assert.Equal("436f646520313233201b652000", submit.Str("short_message"));
        Assert.Equal("Code 123 € @", submit.Str("text"));
        Assert.Equal(0, submit.Int("data_coding"));
        Assert.Equal(0, submit.Int("esm_class"));
        Assert.Equal("4915112345678", submit.Str("destination"));
        Assert.Equal(1, submit.Int("dest_ton"));
        Assert.Equal(1, submit.Int("dest_npi"));
        Assert.Equal("MyIdP", submit.Str("source"));
        Assert.Equal(5, submit.Int("source_ton"));
        Assert.Equal(0, submit.Int("source_npi"));
        Assert.Equal(1, submit.Int("registered_delivery") & 0x03);
        Assert.Equal(submit.Str("message_id"), Assert.Single(result.MessageIds));
        Assert.Equal(1, result.Segments);
        Assert.Equal(SmsEncoding.Gsm7, result.Encoding);
    }

    [Theory]
    [InlineData("@", "00")]
    [InlineData("€", "1b65")]
    [InlineData("$", "02")]
    [InlineData("£¥è", "010304")]
    [InlineData("{}[]~|\\^", "1b281b291b3c1b3e1b3d1b401b2f1b14")]
    [InlineData("ÄÖÑÜ§¿äöñüà", "5b5c5d5e5f607b7c7d7e7f")]
    [InlineData("_ΔΩ", "111015")]
    public async Task SubmitAsync_GsmCharacter_PeerReceivesGsm0338Octets(string text, string expectedHex)
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc), output, _smsc);

        await client.SubmitAsync(new SmsMessage { Destination = "4915112345678", Text = text, RequestDeliveryReceipt = false }, PeerSession.TimeoutToken());

        var submit = await _smsc.WaitForEventAsync(e => e.Event == "submit", PeerSession.Timeout);
        Assert.Equal(expectedHex, submit.Str("short_message"));
        Assert.Equal(0, submit.Int("data_coding"));
        Assert.Equal(text, submit.Str("text"));
        Assert.Equal(0, submit.Int("registered_delivery") & 0x03);
    }

    [Fact]
    public async Task SubmitAsync_Gsm7Packed_PeerReceivesPackedSeptets()
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc, o => o.Gsm7Packed = true), output, _smsc);

        await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "hellohello" }, PeerSession.TimeoutToken());

        var submit = await _smsc.WaitForEventAsync(e => e.Event == "submit", PeerSession.Timeout);
        // GSM 03.38 6.1.2.1.1 packing of "hellohello" (the standard example).
        Assert.Equal("e8329bfd4697d9ec37", submit.Str("short_message"));
        Assert.Equal(0, submit.Int("data_coding"));
    }

    [Fact]
    public async Task SubmitAsync_Latin1Policy_PeerDecodesLatin1()
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc, o => o.DataCoding = SmppDataCodingPolicy.Latin1), output, _smsc);
        const string text = "Café ñ 12 ¿?";

        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = text }, PeerSession.TimeoutToken());

        var submit = await _smsc.WaitForEventAsync(e => e.Event == "submit", PeerSession.Timeout);
        Assert.Equal(3, submit.Int("data_coding"));
        Assert.Equal(PeerSession.Hex(Encoding.Latin1.GetBytes(text)), submit.Str("short_message"));
        Assert.Equal(text, submit.Str("text"));
        Assert.Equal(SmsEncoding.Latin1, result.Encoding);
    }

    [Fact]
    public async Task SubmitAsync_Ucs2Policy_GsmTextSentAsUcs2()
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc, o => o.DataCoding = SmppDataCodingPolicy.Ucs2), output, _smsc);

        await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code @1" }, PeerSession.TimeoutToken());

        var submit = await _smsc.WaitForEventAsync(e => e.Event == "submit", PeerSession.Timeout);
        Assert.Equal(8, submit.Int("data_coding"));
        Assert.Equal("0043006f00640065002000400031", submit.Str("short_message"));
        Assert.Equal("Code @1", submit.Str("text"));
    }

    [Fact]
    public async Task SubmitAsync_NonGsmText_PeerReceivesUcs2BigEndian()
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc), output, _smsc);
        const string text = "Код 123 😀";

        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = text }, PeerSession.TimeoutToken());

        var submit = await _smsc.WaitForEventAsync(e => e.Event == "submit", PeerSession.Timeout);
        Assert.Equal(8, submit.Int("data_coding"));
        Assert.Equal(PeerSession.Hex(Encoding.BigEndianUnicode.GetBytes(text)), submit.Str("short_message"));
        Assert.Equal(text, submit.Str("text"));
        Assert.Equal(SmsEncoding.Ucs2, result.Encoding);
    }

    [Fact]
    public async Task SubmitAsync_ValidityAndUserMessageReference_PeerReceivesFields()
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc), output, _smsc);

        await client.SubmitAsync(
            new SmsMessage { Destination = "+4915112345678", Text = "Code 1", ValidityPeriod = TimeSpan.FromMinutes(5), UserMessageReference = 4242 },
            PeerSession.TimeoutToken());

        var submit = await _smsc.WaitForEventAsync(e => e.Event == "submit", PeerSession.Timeout);
        Assert.Equal("000000000500000R", submit.Str("validity_period"));
        Assert.Equal(4242, submit.Tlv("user_message_reference")?.GetInt32());
    }

    [Fact]
    public async Task SubmitAsync_LongGsmTextUdh8_PartsArriveWithConsistentHeaders()
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc), output, _smsc);
        // 160 GSM septets fit one SMS; 161 need two parts of at most 153 (6-octet UDH).
        var text = string.Concat(Enumerable.Range(0, 161).Select(i => (char)('a' + (i % 26))));

        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = text }, PeerSession.TimeoutToken());

        var parts = await _smsc.WaitForEventsAsync(e => e.Event == "submit", 2, PeerSession.Timeout);
        Assert.Equal(2, parts.Count);
        Assert.Equal(2, result.Segments);
        Assert.Equal(parts.Select(p => p.Str("message_id")), result.MessageIds);
        var reference = parts[0].Str("udh")![6..8];
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(0x40, parts[i].Int("esm_class") & 0x40);
            Assert.Equal(0, parts[i].Int("data_coding"));
            Assert.Equal($"050003{reference}02{i + 1:x2}", parts[i].Str("udh"));
        }

        Assert.Equal(153, parts[0].Str("text")!.Length);
        Assert.Equal(text, parts[0].Str("text") + parts[1].Str("text"));
    }

    [Fact]
    public async Task SubmitAsync_EscapeAtSegmentBoundary_EscapePairNotSplit()
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc), output, _smsc);
        // 152 septets then € (2 septets) would end at septet 154 > 153: € must move whole to part 2.
        var text = new string('x', 152) + "€" + new string('y', 20);

        await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = text }, PeerSession.TimeoutToken());

        var parts = await _smsc.WaitForEventsAsync(e => e.Event == "submit", 2, PeerSession.Timeout);
        Assert.Equal(new string('x', 152), parts[0].Str("text"));
        Assert.EndsWith("78", parts[0].Str("short_message"), StringComparison.Ordinal);
        Assert.StartsWith("1b65", parts[1].Str("short_message")![12..], StringComparison.Ordinal);
        Assert.Equal(text, parts[0].Str("text") + parts[1].Str("text"));
    }

    [Fact]
    public async Task SubmitAsync_LongGsmTextUdh16_PartsCarrySixteenBitReference()
    {
        var options = PeerSession.Options(_smsc, o => o.ConcatenationMode = SmppConcatenationMode.Udh16);
        await using var client = await PeerSession.StartBoundAsync(options, output, _smsc);
        var text = new string('z', 200);

        await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = text }, PeerSession.TimeoutToken());

        var parts = await _smsc.WaitForEventsAsync(e => e.Event == "submit", 2, PeerSession.Timeout);
        var reference = parts[0].Str("udh")![6..10];
        Assert.Equal($"060804{reference}0201", parts[0].Str("udh"));
        Assert.Equal($"060804{reference}0202", parts[1].Str("udh"));
        Assert.Equal(152, parts[0].Str("text")!.Length);
        Assert.Equal(text, parts[0].Str("text") + parts[1].Str("text"));
    }

    [Fact]
    public async Task SubmitAsync_LongTextSar_PartsCarrySarTlvsWithoutUdh()
    {
        var options = PeerSession.Options(_smsc, o => o.ConcatenationMode = SmppConcatenationMode.Sar);
        await using var client = await PeerSession.StartBoundAsync(options, output, _smsc);
        var text = new string('s', 200);

        await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = text }, PeerSession.TimeoutToken());

        var parts = await _smsc.WaitForEventsAsync(e => e.Event == "submit", 2, PeerSession.Timeout);
        var reference = parts[0].Tlv("sar_msg_ref_num")?.GetInt32();
        Assert.NotNull(reference);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(0, parts[i].Int("esm_class") & 0x40);
            Assert.Null(parts[i].Str("udh"));
            Assert.Equal(reference, parts[i].Tlv("sar_msg_ref_num")?.GetInt32());
            Assert.Equal(2, parts[i].Tlv("sar_total_segments")?.GetInt32());
            Assert.Equal(i + 1, parts[i].Tlv("sar_segment_seqnum")?.GetInt32());
        }

        Assert.Equal(text, parts[0].Str("text") + parts[1].Str("text"));
    }

    [Fact]
    public async Task SubmitAsync_LongTextPayload_SingleSubmitWithMessagePayload()
    {
        var options = PeerSession.Options(_smsc, o => o.ConcatenationMode = SmppConcatenationMode.Payload);
        await using var client = await PeerSession.StartBoundAsync(options, output, _smsc);
        var text = new string('p', 300) + "€";

        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = text }, PeerSession.TimeoutToken());

        var submit = await _smsc.WaitForEventAsync(e => e.Event == "submit", PeerSession.Timeout);
        Assert.Equal(string.Empty, submit.Str("short_message"));
        Assert.Equal(string.Concat(Enumerable.Repeat("70", 300)) + "1b65", submit.Tlv("message_payload")?.GetString());
        Assert.Equal(text, submit.Str("text"));
        Assert.Single(result.MessageIds);
        await Task.Delay(200);
        Assert.Single(_smsc.Events, e => e.Event == "submit");
    }

    [Fact]
    public async Task SubmitAsync_LongUcs2Text_PartsOfSixtySevenCharacters()
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc), output, _smsc);
        var text = string.Concat(Enumerable.Range(0, 100).Select(i => (char)('а' + (i % 32))));

        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = text }, PeerSession.TimeoutToken());

        var parts = await _smsc.WaitForEventsAsync(e => e.Event == "submit", 2, PeerSession.Timeout);
        Assert.Equal(2, result.Segments);
        Assert.All(parts, p => Assert.Equal(8, p.Int("data_coding")));
        Assert.Equal(67, parts[0].Str("text")!.Length);
        Assert.Equal(text, parts[0].Str("text") + parts[1].Str("text"));
    }

    [Fact]
    public async Task SubmitAsync_EmojiAtUcs2SegmentBoundary_SurrogatePairNotSplit()
    {
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(_smsc), output, _smsc);
        // 66 UTF-16 units, then an emoji (2 units) that would straddle the 67-unit boundary.
        var text = new string('ж', 66) + "😀" + new string('ы', 10);

        await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = text }, PeerSession.TimeoutToken());

        var parts = await _smsc.WaitForEventsAsync(e => e.Event == "submit", 2, PeerSession.Timeout);
        Assert.Equal(new string('ж', 66), parts[0].Str("text"));
        Assert.StartsWith("😀", parts[1].Str("text"), StringComparison.Ordinal);
        Assert.Equal(text, parts[0].Str("text") + parts[1].Str("text"));
    }
}
