using System.Text;
using IdP.Smpp.Receipts;

namespace IdP.Smpp.Tests.Receipts;

public sealed class ReceiptTextParserTests
{
    [Fact]
    public void Parse_AppendixBFormat_ReadsEveryField()
    {
        var text = ReceiptTextParser.Parse("id:0123456789 sub:001 dlvrd:001 submit date:2511230930 done date:2511230931 stat:DELIVRD err:000 Text:Your code is");

        Assert.Equal("0123456789", text.Id);
        Assert.Equal(1, text.Submitted);
        Assert.Equal(1, text.Delivered);
        Assert.Equal(new DateTimeOffset(2025, 11, 23, 9, 30, 0, TimeSpan.Zero), text.SubmitDate);
        Assert.Equal(new DateTimeOffset(2025, 11, 23, 9, 31, 0, TimeSpan.Zero), text.DoneDate);
        Assert.Equal("DELIVRD", text.Stat);
        Assert.Equal(MessageState.Delivered, text.State);
        Assert.Equal("000", text.Error);
        Assert.Equal("Your code is", text.Text);
    }

    [Theory]
    // jsmpp #67: sub and dlvrd missing.
    [InlineData("id:0654354026 submit date:2511230930 done date:2511230930 stat:DELIVRD err:000", "0654354026", MessageState.Delivered, "000")]
    [InlineData("id:77 sub:001 dlvrd:0 submit date:2511230930 done date:2511230930 stat:UNDELIV err:0 text:", "77", MessageState.Undeliverable, "0")]
    // 32-character lowercase hex ids.
    [InlineData("id:0a1b2c3d4e5f60718293a4b5c6d7e8f9 sub:001 dlvrd:001 submit date:2511230930 done date:2511230930 stat:DELIVRD err:000 text:x", "0a1b2c3d4e5f60718293a4b5c6d7e8f9", MessageState.Delivered, "000")]
    // Lower-case keys and values.
    [InlineData("ID:5 SUB:001 DLVRD:000 SUBMIT DATE:2511230930 DONE DATE:2511230930 STAT:expired ERR:001 TEXT:abc", "5", MessageState.Expired, "001")]
    [InlineData("id:9 stat:REJECTD", "9", MessageState.Rejected, null)]
    [InlineData("id:9 stat:ACCEPTD err:000", "9", MessageState.Accepted, "000")]
    [InlineData("id:9 stat:ENROUTE", "9", MessageState.Enroute, null)]
    [InlineData("id:9 stat:DELETED", "9", MessageState.Deleted, null)]
    [InlineData("id:9 stat:WHATEVER", "9", MessageState.Unknown, null)]
    [InlineData("stat:DELIVRD", null, MessageState.Delivered, null)]
    [InlineData("", null, MessageState.None, null)]
    public void Parse_WildVariants_AreTolerated(string input, string? id, MessageState state, string? err)
    {
        var text = ReceiptTextParser.Parse(input);

        Assert.Equal(id, text.Id);
        Assert.Equal(state, text.State);
        Assert.Equal(err, text.Error);
    }

    [Fact]
    public void Parse_TwelveDigitDates_IncludeSeconds()
    {
        var text = ReceiptTextParser.Parse("id:1 submit date:251123093015 done date:251123093122 stat:DELIVRD");

        Assert.Equal(new DateTimeOffset(2025, 11, 23, 9, 30, 15, TimeSpan.Zero), text.SubmitDate);
        Assert.Equal(new DateTimeOffset(2025, 11, 23, 9, 31, 22, TimeSpan.Zero), text.DoneDate);
    }

    [Fact]
    public void Parse_ZeroBytesInsideText_ReadsWholeMessage()
    {
        // A captured DLR text contained 0x00 (GSM '@'): it must not end the string.
        byte[] bytes = Encoding.ASCII.GetBytes("id:1000 sub:001 dlvrd:001 submit date:2511230930 done date:2511230930 stat:DELIVRD err:000 text:Code \0 123");

        var text = ReceiptTextParser.Parse(bytes);

        Assert.Equal("1000", text.Id);
        Assert.Equal(MessageState.Delivered, text.State);
        Assert.Equal("Code \0 123", text.Text);
    }

    [Fact]
    public void Parse_IdInsideOriginalText_IsNotTakenForReceiptId()
    {
        var text = ReceiptTextParser.Parse("id:42 stat:DELIVRD err:000 text:id:999 stat:REJECTD");

        Assert.Equal("42", text.Id);
        Assert.Equal(MessageState.Delivered, text.State);
    }

    [Fact]
    public void Parse_MalformedDates_AreNullNotErrors()
    {
        var text = ReceiptTextParser.Parse("id:1 submit date:2599999999 done date:abc stat:DELIVRD");

        Assert.Null(text.SubmitDate);
        Assert.Null(text.DoneDate);
    }

    [Fact]
    public void Parse_RandomInput_NeverThrows()
    {
        var random = new Random(42);
        string pieces = "id: sub: dlvrd: submit date: done date: stat: err: text: 0123456789abcdef DELIVRD\0\r\n ";
        for (int i = 0; i < 2000; i++)
        {
            var builder = new StringBuilder();
            int length = random.Next(0, 200);
            for (int j = 0; j < length; j++) builder.Append(random.Next(4) == 0 ? (char)random.Next(0, 256) : pieces[random.Next(pieces.Length)]);

            var text = ReceiptTextParser.Parse(builder.ToString());

            Assert.NotNull(text);
        }
    }
}
