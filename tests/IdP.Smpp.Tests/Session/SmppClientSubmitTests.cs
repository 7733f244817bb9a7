using IdP.Smpp.Pdus;
using IdP.Smpp.Receipts;
using IdP.Smpp.Simulator;
using IdP.Smpp.Tests.TestSupport;
using IdP.Smpp.Text;

namespace IdP.Smpp.Tests.Session;

public sealed class SmppClientSubmitTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SubmitAsync_WithReceipt_RaisesCorrelatedReceipt(bool receiptWithTlvs)
    {
        await using var smsc = await Smsc.StartAsync(o => o.ReceiptWithTlvs = receiptWithTlvs);
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));
        var sink = new ReceiptSink(client);

        var result = await client.SubmitAsync(Smsc.Message("+491700000001", "Code 123 € @"), CancellationToken.None);

        string id = Assert.Single(result.MessageIds);
        Assert.Equal(SmsEncoding.Gsm7, result.Encoding);
        var received = Assert.Single(smsc.Messages);
        Assert.Equal("Code 123 € @", received.Text);
        Assert.Equal("491700000001", received.Destination);
        Assert.Equal((byte)1, received.DestinationTon);
        Assert.Equal("MyIdP", received.Source);
        Assert.Equal((byte)5, received.SourceTon);
        Assert.Equal((byte)0, received.SourceNpi);
        Assert.Equal((byte)1, received.RegisteredDelivery);
        Assert.True(await Smsc.EventuallyAsync(() => sink.Receipts.Count == 1));
        var receipt = sink.Receipts[0];
        Assert.Equal(id, receipt.MessageId);
        Assert.True(receipt.IsCorrelated);
        Assert.Equal(MessageState.Delivered, receipt.State);
        Assert.Equal(receiptWithTlvs ? id : null, receipt.ReceiptedMessageIdRaw);
        Assert.Equal(1, client.Counters.Receipts);
    }

    [Fact]
    public async Task SubmitAsync_NoReceiptRequested_SimulatorSendsNone()
    {
        await using var smsc = await Smsc.StartAsync();
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));
        var sink = new ReceiptSink(client);

        await client.SubmitAsync(Smsc.Message("491700000001") with { RequestDeliveryReceipt = false }, CancellationToken.None);
        await Task.Delay(300);

        Assert.Equal((byte)0, Assert.Single(smsc.Messages).RegisteredDelivery);
        Assert.Empty(sink.Receipts);
    }

    [Theory]
    [InlineData(SimulatorMessageIdFormat.Hex, SimulatorMessageIdFormat.Decimal, SmppMessageIdFormat.SubmitRespHex)]
    [InlineData(SimulatorMessageIdFormat.Decimal, SimulatorMessageIdFormat.Hex, SmppMessageIdFormat.ReceiptHex)]
    [InlineData(SimulatorMessageIdFormat.Hex, SimulatorMessageIdFormat.Hex, SmppMessageIdFormat.Literal)]
    public async Task SubmitAsync_HexVersusDecimalIds_CorrelatesPerOption(SimulatorMessageIdFormat resp, SimulatorMessageIdFormat receipt, SmppMessageIdFormat option)
    {
        await using var smsc = await Smsc.StartAsync(o =>
        {
            o.MessageIdFormat = resp;
            o.ReceiptIdFormat = receipt;
            o.FirstMessageId = 0xABCDEF;
        });
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc, o => o.MessageIdFormat = option));
        var sink = new ReceiptSink(client);

        var result = await client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);

        Assert.True(await Smsc.EventuallyAsync(() => sink.Receipts.Count == 1));
        Assert.True(sink.Receipts[0].IsCorrelated);
        Assert.Equal(result.MessageIds[0], sink.Receipts[0].MessageId);
    }

    [Fact]
    public async Task SubmitAsync_ReceiptBeforeSubmitResp_IsHeldAndMatched()
    {
        await using var smsc = await Smsc.StartAsync(o =>
        {
            o.ReceiptBeforeResponse = true;
            o.ResponseDelay = TimeSpan.FromMilliseconds(200);
        });
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));
        var sink = new ReceiptSink(client);

        var result = await client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);

        Assert.True(await Smsc.EventuallyAsync(() => sink.Receipts.Count == 1));
        Assert.True(sink.Receipts[0].IsCorrelated);
        Assert.Equal(result.MessageIds[0], sink.Receipts[0].MessageId);
    }

    [Fact]
    public async Task SubmitAsync_ThrottleEveryThird_DeliversAllInOrderWithoutDuplicates()
    {
        await using var smsc = await Smsc.StartAsync(o => o.ThrottleEveryNth = 3);
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));

        for (int i = 0; i < 12; i++)
        {
            await client.SubmitAsync(Smsc.Message($"4917000000{i:00}"), CancellationToken.None);
        }

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"4917000000{i:00}"), smsc.Messages.Select(m => m.Destination));
        Assert.True(client.Counters.Throttled >= 5, $"throttled {client.Counters.Throttled}");
        Assert.Equal(12, client.Counters.Submitted);
    }

    [Fact]
    public async Task SubmitAsync_ThrottledWithWindowOne_KeepsCallOrderAcrossConcurrentCallers()
    {
        await using var smsc = await Smsc.StartAsync(o => o.ThrottleEveryNth = 3);
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc, o => o.WindowSize = 1));

        // Queued all at once: the throttled one must be retried before anything behind it is sent.
        var tasks = Enumerable.Range(0, 15).Select(i => client.SubmitAsync(Smsc.Message($"4917000000{i:00}"), CancellationToken.None)).ToList();
        var results = await Task.WhenAll(tasks);

        Assert.Equal(Enumerable.Range(0, 15).Select(i => $"4917000000{i:00}"), smsc.Messages.Select(m => m.Destination));
        Assert.Equal(smsc.Messages.Select(m => m.MessageId), results.Select(r => r.MessageIds[0]));
        Assert.Equal(7, client.Counters.Throttled); // every 3rd of 22 attempts
    }

    [Fact]
    public async Task SubmitAsync_ThrottledUnderConcurrency_LosesAndDuplicatesNothing()
    {
        await using var smsc = await Smsc.StartAsync(o => o.ThrottleEveryNth = 4);
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.SubmitAsync(Smsc.Message($"4917000000{i:00}"), CancellationToken.None)));

        var destinations = smsc.Messages.Select(m => m.Destination).ToList();
        Assert.Equal(30, destinations.Count);
        Assert.Equal(30, destinations.Distinct().Count());
    }

    [Fact]
    public async Task SubmitAsync_MaxTps_SpacesSubmits()
    {
        await using var smsc = await Smsc.StartAsync();
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc, o => o.MaxTps = 20));
        var started = DateTime.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => client.SubmitAsync(Smsc.Message($"4917000000{i:00}"), CancellationToken.None)));

        // The bucket holds one second's worth (20); the other 10 come at 20 per second: 500 ms at least
        // (400 ms bound: clock and timer granularity on a loaded 2-core machine).
        var elapsed = DateTime.UtcNow - started;
        var first = smsc.Messages[0].ReceivedAt;
        var spread = smsc.Messages[^1].ReceivedAt - first;
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(400), $"took {elapsed}; SMSC saw the first and the last {spread} apart");
        Assert.Equal(30, smsc.Messages.Count);
    }

    [Theory]
    [InlineData(0x0Bu, "destination")]
    [InlineData(0x0Au, "source address")]
    [InlineData(0x62u, "validity")]
    public async Task SubmitAsync_PermanentRejection_ThrowsReadableSubmitException(uint status, string words)
    {
        await using var smsc = await Smsc.StartAsync(o => o.RejectStatus = status);
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));

        var ex = await Assert.ThrowsAsync<SmppSubmitException>(() => client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None));

        Assert.True(ex.IsPermanent);
        Assert.Equal((CommandStatus)status, ex.CommandStatus);
        Assert.Contains(words, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, client.Counters.SubmitErrors);
        Assert.Empty(smsc.Messages);
    }

    [Fact]
    public async Task SubmitAsync_TemporaryError_RetriesThenReportsNotPermanent()
    {
        await using var smsc = await Smsc.StartAsync(o => o.RejectStatus = (uint)CommandStatus.SystemError);
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));

        var ex = await Assert.ThrowsAsync<SmppSubmitException>(() => client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None));

        Assert.False(ex.IsPermanent);
        Assert.Equal(CommandStatus.SystemError, ex.CommandStatus);
    }

    [Fact]
    public async Task SubmitAsync_ResponseTooSlow_RetriedOnceThenOutcomeUnknown()
    {
        await using var smsc = await Smsc.StartAsync(o => o.ResponseDelay = TimeSpan.FromSeconds(3));
        var options = Smsc.ClientOptions(smsc, o => o.ResponseTimeout = TimeSpan.FromMilliseconds(300));
        await using var client = await Smsc.StartClientAsync(options);

        await Assert.ThrowsAsync<SmppOutcomeUnknownException>(() => client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None));

        // The documented rule: at most one retry, so the SMSC saw the message at most twice.
        Assert.Equal(2, smsc.Messages.Count);
        Assert.Equal(2, client.Counters.Timeouts);
        Assert.Equal(SmppSessionState.BoundTransceiver, client.State);
    }

    [Fact]
    public async Task SubmitAsync_RepeatedTimeouts_ReconnectAfterLimit()
    {
        await using var smsc = await Smsc.StartAsync(o => o.ResponseDelay = TimeSpan.FromSeconds(3));
        var options = Smsc.ClientOptions(smsc, o =>
        {
            o.ResponseTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxConsecutiveTimeouts = 2;
        });
        await using var client = await Smsc.StartClientAsync(options);

        await Assert.ThrowsAsync<SmppOutcomeUnknownException>(() => client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None));

        Assert.True(await Smsc.EventuallyAsync(() => client.Counters.Reconnects >= 1 && client.State == SmppSessionState.BoundTransceiver));
    }

    [Fact]
    public async Task SubmitAsync_ConnectionDroppedMidWindow_ReconnectsAndDeliversRest()
    {
        await using var smsc = await Smsc.StartAsync(o => o.DropConnectionAfterSubmits = 5);
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));

        var results = await Task.WhenAll(Enumerable.Range(0, 25).Select(i => client.SubmitAsync(Smsc.Message($"4917000000{i:00}"), CancellationToken.None)));

        Assert.Equal(25, results.Length);
        var destinations = smsc.Messages.Select(m => m.Destination).ToList();
        Assert.Equal(25, destinations.Distinct().Count());
        // Responses sent before the drop all arrive, so nothing needs the unknown-outcome retry: no duplicates.
        Assert.True(destinations.Count == 25, "received: " + string.Join(",", smsc.Messages.Select(m => m.Destination[^2..] + "@" + m.MessageId)));
        Assert.True(client.Counters.Reconnects >= 1);
    }

    [Fact]
    public async Task SubmitAsync_LongTextUdh8_SendsConcatenatedParts()
    {
        await using var smsc = await Smsc.StartAsync();
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));
        string text = string.Concat(Enumerable.Repeat("0123456789", 20));

        var result = await client.SubmitAsync(Smsc.Message("491700000001", text), CancellationToken.None);

        Assert.Equal(2, result.Segments);
        Assert.Equal(2, result.MessageIds.Distinct().Count());
        Assert.All(smsc.Messages, m => Assert.Equal(0x40, m.EsmClass & 0x40));
        Assert.Equal(text, string.Concat(smsc.Messages.Select(m => m.Text)));
    }

    [Theory]
    [InlineData(SmppConcatenationMode.Sar)]
    [InlineData(SmppConcatenationMode.Payload)]
    public async Task SubmitAsync_LongTextTlvModes_SetTlvs(SmppConcatenationMode mode)
    {
        await using var smsc = await Smsc.StartAsync();
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc, o => o.ConcatenationMode = mode));
        string text = new('ж', 100);

        var result = await client.SubmitAsync(Smsc.Message("491700000001", text), CancellationToken.None);

        Assert.Equal(SmsEncoding.Ucs2, result.Encoding);
        Assert.Equal(text, string.Concat(smsc.Messages.Select(m => m.Text)));
        if (mode == SmppConcatenationMode.Sar)
        {
            Assert.Equal(2, result.Segments);
            Assert.All(smsc.Messages, m => Assert.Equal((byte)2, m.Tlvs.SarTotalSegments));
        }
        else
        {
            Assert.Equal(1, result.Segments);
            Assert.Equal(200, Assert.Single(smsc.Messages).Tlvs.MessagePayload!.Value.Length);
        }
    }

    [Fact]
    public async Task SubmitAsync_ValidityAndReference_AreSent()
    {
        await using var smsc = await Smsc.StartAsync();
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));

        await client.SubmitAsync(Smsc.Message("491700000001") with { ValidityPeriod = TimeSpan.FromMinutes(5), UserMessageReference = 4242 }, CancellationToken.None);

        var message = Assert.Single(smsc.Messages);
        Assert.Equal("000000000500000R", message.ValidityPeriod);
        Assert.Equal((ushort)4242, message.Tlvs.UserMessageReference);
    }

    [Fact]
    public async Task SubmitAsync_Logs_NeverContainTextPasswordOrFullNumber()
    {
        await using var smsc = await Smsc.StartAsync();
        var logger = new CapturingLogger<SmppClient>();
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc), logger);

        await client.SubmitAsync(Smsc.Message("491799887766", "Secret code 918273"), CancellationToken.None);
        await client.StopAsync(CancellationToken.None);

        string logs = logger.AllText;
        Assert.Contains("7766", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("491799887766", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("918273", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Hex.Of("918273"u8), logs.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(Smsc.Password, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Hex.Of(System.Text.Encoding.ASCII.GetBytes(Smsc.Password)), logs.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAsync_InvalidDestination_ThrowsBeforeSending()
    {
        await using var smsc = await Smsc.StartAsync();
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));

        await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitAsync(Smsc.Message("not-a-number"), CancellationToken.None));
        Assert.Empty(smsc.Messages);
    }
}
