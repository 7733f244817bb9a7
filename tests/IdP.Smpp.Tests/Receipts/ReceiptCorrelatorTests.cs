using IdP.Smpp.Receipts;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Receipts;

public sealed class ReceiptCorrelatorTests
{
    private readonly FakeTimeProvider _time = new();

    [Theory]
    [InlineData(SmppMessageIdFormat.Literal, "1000", "1000")]
    [InlineData(SmppMessageIdFormat.Literal, " ABCdef ", "abcDEF")]   // trimmed, case-insensitive
    [InlineData(SmppMessageIdFormat.Literal, "0000001000", "1000")]  // leading zeros
    [InlineData(SmppMessageIdFormat.SubmitRespHex, "3e8", "1000")]   // resp hex, receipt decimal (jsmpp #56)
    [InlineData(SmppMessageIdFormat.SubmitRespHex, "3E8", "0000001000")]
    [InlineData(SmppMessageIdFormat.ReceiptHex, "1000", "3e8")]      // resp decimal, receipt hex
    [InlineData(SmppMessageIdFormat.BothHex, "00003e8", "3E8")]
    public void Accept_IdFormats_Correlate(SmppMessageIdFormat format, string submitId, string receiptId)
    {
        var correlator = new ReceiptCorrelator(format, TimeSpan.FromSeconds(60), _time);
        correlator.RegisterSubmitted(submitId);

        var ready = correlator.Accept(Receipt(receiptId));

        var receipt = Assert.Single(ready);
        Assert.True(receipt.IsCorrelated);
        Assert.Equal(submitId, receipt.MessageId);
    }

    [Fact]
    public void Accept_HexReceiptWithoutHexOption_IsNotMisCorrelated()
    {
        var correlator = new ReceiptCorrelator(SmppMessageIdFormat.Literal, TimeSpan.FromSeconds(60), _time);
        correlator.RegisterSubmitted("1000");

        Assert.Empty(correlator.Accept(Receipt("3e8")));
        Assert.Equal(1, correlator.HeldCount);
    }

    [Fact]
    public void Accept_TlvIdDiffersFromTextId_TlvWins()
    {
        var correlator = new ReceiptCorrelator(SmppMessageIdFormat.Literal, TimeSpan.FromSeconds(60), _time);
        correlator.RegisterSubmitted("A1");
        correlator.RegisterSubmitted("B2");

        var ready = correlator.Accept(new DeliveryReceipt { MessageId = "A1", ReceiptedMessageIdRaw = "A1", TextMessageId = "B2", State = MessageState.Delivered });

        Assert.Equal("A1", Assert.Single(ready).MessageId);
    }

    [Fact]
    public void Accept_ReceiptBeforeSubmitResp_IsHeldThenMatched()
    {
        var correlator = new ReceiptCorrelator(SmppMessageIdFormat.Literal, TimeSpan.FromSeconds(60), _time);

        Assert.Empty(correlator.Accept(Receipt("77")));
        _time.Advance(TimeSpan.FromSeconds(5));
        var ready = correlator.RegisterSubmitted("77");

        var receipt = Assert.Single(ready);
        Assert.True(receipt.IsCorrelated);
        Assert.Equal(0, correlator.HeldCount);
    }

    [Fact]
    public void ReleaseExpired_UnmatchedAfterHoldTime_IsReleasedUncorrelated()
    {
        var correlator = new ReceiptCorrelator(SmppMessageIdFormat.Literal, TimeSpan.FromSeconds(60), _time);
        correlator.Accept(Receipt("orphan"));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(correlator.ReleaseExpired());
        _time.Advance(TimeSpan.FromSeconds(1));
        var released = Assert.Single(correlator.ReleaseExpired());

        Assert.False(released.IsCorrelated);
        Assert.Equal("orphan", released.MessageId);
        Assert.Empty(correlator.RegisterSubmitted("orphan"));
    }

    [Fact]
    public void Accept_SameIdAndStateTwice_RaisesOnce()
    {
        var correlator = new ReceiptCorrelator(SmppMessageIdFormat.Literal, TimeSpan.FromSeconds(60), _time);
        correlator.RegisterSubmitted("5");

        Assert.Single(correlator.Accept(Receipt("5")));
        Assert.Empty(correlator.Accept(Receipt("5")));
        Assert.Empty(correlator.Accept(Receipt("005")));
        Assert.Single(correlator.Accept(Receipt("5", MessageState.Undeliverable)));
    }

    [Fact]
    public void Accept_DuplicatesWhileHeld_RaiseOnceWhenMatched()
    {
        var correlator = new ReceiptCorrelator(SmppMessageIdFormat.Literal, TimeSpan.FromSeconds(60), _time);
        correlator.Accept(Receipt("9"));
        correlator.Accept(Receipt("9"));

        Assert.Single(correlator.RegisterSubmitted("9"));
    }

    /// <summary>
    /// Attack: an SMSC floods receipts for ids we never sent. Held receipts and the de-duplication memory (24 h
    /// retention) would grow with every one; both are capped, the oldest going first.
    /// </summary>
    [Fact]
    public void Accept_FloodOfUnknownIds_HeldAndRememberedStayBounded()
    {
        var correlator = new ReceiptCorrelator(SmppMessageIdFormat.Literal, TimeSpan.FromSeconds(60), _time, maxHeld: 10, maxReleased: 50);
        var raised = 0;

        for (var i = 0; i < 5000; i++)
        {
            raised += correlator.Accept(Receipt("flood-" + i)).Count;
            Assert.True(correlator.HeldCount <= 10, $"{correlator.HeldCount} held");
            Assert.True(correlator.RememberedCount <= 50, $"{correlator.RememberedCount} remembered");
        }

        _time.Advance(TimeSpan.FromSeconds(61));
        raised += correlator.ReleaseExpired().Count;
        Assert.Equal(5000, raised);
        Assert.Equal(0, correlator.HeldCount);
        Assert.Equal(50, correlator.RememberedCount);
    }

    [Fact]
    public void FakeTimeProvider_Timer_FiresWhenAdvanced()
    {
        int fired = 0;
        using var timer = _time.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, fired);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
    }

    private static DeliveryReceipt Receipt(string id, MessageState state = MessageState.Delivered) =>
        new() { MessageId = id, TextMessageId = id, State = state, Stat = ReceiptTextParser.StatOf(state) };
}
