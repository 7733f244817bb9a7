using IdP.Smpp.Receipts;
using Xunit.Abstractions;

namespace IdP.Smpp.Tests.Peers;

/// <summary>Delivery receipts sent by the node-smpp SMSC and correlated by our SmppClient.</summary>
public sealed class SmppClientReceiptTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("tlv")]
    [InlineData("text")]
    public async Task DeliveryReceipt_FromPeer_CorrelatedToSubmitId(string receipts)
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { Receipts = receipts });
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(smsc), output, smsc);
        var collector = new ReceiptCollector(client);

        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code 4711 @" }, PeerSession.TimeoutToken());

        var id = Assert.Single(result.MessageIds);
        var receipt = Assert.Single(await collector.WaitForAsync(r => r.MessageId == id, 1, PeerSession.Timeout, () => smsc.Diagnostics()));
        Assert.True(receipt.IsCorrelated);
        Assert.Equal(MessageState.Delivered, receipt.State);
        Assert.Equal("DELIVRD", receipt.Stat);
        Assert.Equal(receipts == "tlv" ? id : null, receipt.ReceiptedMessageIdRaw);
        Assert.Equal(id, receipt.TextMessageId);
        Assert.Equal("4915112345678", receipt.SourceAddress);
        Assert.Equal("MyIdP", receipt.DestinationAddress);
        var ack = await smsc.WaitForEventAsync(e => e.Event == "deliver_resp" && e.Str("receipt_id") == id, PeerSession.Timeout);
        Assert.Equal(0, ack.Int("status"));
    }

    [Theory]
    [InlineData("UNDELIV", MessageState.Undeliverable, "tlv")]
    [InlineData("EXPIRED", MessageState.Expired, "text")]
    [InlineData("REJECTD", MessageState.Rejected, "tlv")]
    public async Task DeliveryReceipt_FailureStat_ReportsState(string stat, MessageState expected, string receipts)
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { Receipts = receipts, ReceiptStat = stat });
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(smsc), output, smsc);
        var collector = new ReceiptCollector(client);

        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code 1" }, PeerSession.TimeoutToken());

        var receipt = Assert.Single(await collector.WaitForAsync(r => r.MessageId == result.MessageIds[0], 1, PeerSession.Timeout, () => smsc.Diagnostics()));
        Assert.Equal(expected, receipt.State);
        Assert.Equal(stat, receipt.Stat);
    }

    /// <summary>
    /// The classic interop bug: ids in submit_sm_resp and in receipts use different bases. With the
    /// matching MessageIdFormat the receipt must still carry the submit_sm_resp id.
    /// </summary>
    [Theory]
    [InlineData("hex", "decimal", SmppMessageIdFormat.SubmitRespHex, "text")]
    [InlineData("hex", "decimal", SmppMessageIdFormat.SubmitRespHex, "tlv")]
    [InlineData("decimal", "hex", SmppMessageIdFormat.ReceiptHex, "text")]
    [InlineData("decimal", "hex", SmppMessageIdFormat.ReceiptHex, "tlv")]
    [InlineData("hex", "hex", SmppMessageIdFormat.Literal, "tlv")]
    [InlineData("hex", "hex", SmppMessageIdFormat.BothHex, "text")]
    [InlineData("decimal", "decimal", SmppMessageIdFormat.Literal, "text")]
    public async Task DeliveryReceipt_IdFormatsDiffer_CorrelatedViaMessageIdFormat(string idFormat, string receiptIdFormat, SmppMessageIdFormat format, string receipts)
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { IdFormat = idFormat, ReceiptIdFormat = receiptIdFormat, Receipts = receipts });
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(smsc, o => o.MessageIdFormat = format), output, smsc);
        var collector = new ReceiptCollector(client);

        var first = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code 1" }, PeerSession.TimeoutToken());
        var second = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345679", Text = "Code 2" }, PeerSession.TimeoutToken());

        var receipts2 = await collector.WaitForAsync(_ => true, 2, PeerSession.Timeout, () => smsc.Diagnostics());
        var byDestination = receipts2.ToDictionary(r => r.SourceAddress ?? string.Empty);
        Assert.Equal(first.MessageIds[0], byDestination["4915112345678"].MessageId);
        Assert.Equal(second.MessageIds[0], byDestination["4915112345679"].MessageId);
        Assert.All(receipts2, r => Assert.True(r.IsCorrelated, $"receipt {r.ReceiptedMessageIdRaw ?? r.TextMessageId} not correlated"));
    }

    [Theory]
    [InlineData("tlv")]
    [InlineData("text")]
    public async Task DeliveryReceipt_ArrivesBeforeSubmitResp_HeldAndCorrelated(string receipts)
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { Receipts = receipts, ReceiptFirst = true });
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(smsc), output, smsc);
        var collector = new ReceiptCollector(client);

        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code 5" }, PeerSession.TimeoutToken());

        var receiptEvent = await smsc.WaitForEventAsync(e => e.Event == "receipt", PeerSession.Timeout);
        var responded = await smsc.WaitForEventAsync(e => e.Event == "responded", PeerSession.Timeout);
        Assert.True(smsc.Events.ToList().IndexOf(receiptEvent) < smsc.Events.ToList().IndexOf(responded), "the SMSC must have sent the receipt first");
        var receipt = Assert.Single(await collector.WaitForAsync(r => r.MessageId == result.MessageIds[0], 1, PeerSession.Timeout, () => smsc.Diagnostics()));
        Assert.True(receipt.IsCorrelated, "a receipt that overtook its submit_sm_resp must be held and then correlated");
        Assert.Equal(MessageState.Delivered, receipt.State);
    }

    [Fact]
    public async Task DeliverSm_UnknownReceiptAndMobileOriginated_AlwaysAnsweredWithOk()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions());
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(smsc), output, smsc);

        await smsc.SendCommandAsync(new { cmd = "receipt", message_id = "999999", stat = "DELIVRD" });
        await smsc.SendCommandAsync(new { cmd = "deliver", source = "4915112345678", destination = "MyIdP", text = "STOP" });

        var unknown = await smsc.WaitForEventAsync(e => e.Event == "deliver_resp" && e.Str("kind") == "receipt", PeerSession.Timeout);
        var mo = await smsc.WaitForEventAsync(e => e.Event == "deliver_resp" && e.Str("kind") == "mo", PeerSession.Timeout);
        Assert.Equal(0, unknown.Int("status"));
        Assert.Equal(0, mo.Int("status"));
        Assert.Equal(SmppSessionState.BoundTransceiver, client.State);
    }

    [Fact]
    public async Task DeliveryReceipt_ResentBySmsc_DoesNotDisturbSession()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { Receipts = "tlv" });
        await using var client = await PeerSession.StartBoundAsync(PeerSession.Options(smsc), output, smsc);
        var collector = new ReceiptCollector(client);
        var result = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code 1" }, PeerSession.TimeoutToken());
        var id = result.MessageIds[0];
        await collector.WaitForAsync(r => r.MessageId == id, 1, PeerSession.Timeout, () => smsc.Diagnostics());

        await smsc.SendCommandAsync(new { cmd = "receipt", message_id = id, stat = "DELIVRD" });

        var acks = await smsc.WaitForEventsAsync(e => e.Event == "deliver_resp" && e.Str("receipt_id") == id, 2, PeerSession.Timeout);
        Assert.All(acks, a => Assert.Equal(0, a.Int("status")));
        var next = await client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code 2" }, PeerSession.TimeoutToken());
        Assert.Single(next.MessageIds);
    }
}
