using IdP.Smpp.Pdus;
using IdP.Smpp.Receipts;
using IdP.Smpp.Tests.Pdus;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Session;

/// <summary>How the client answers what an SMSC sends, driven byte by byte from a scripted peer.</summary>
public sealed class SmppClientProtocolTests
{
    private static SmppClientOptions Options(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        SystemId = "idp",
        Password = "pw",
        ResponseTimeout = TimeSpan.FromSeconds(5),
        ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task Client_UnknownCommandFromPeer_AnswersGenericNackSameSequence()
    {
        var smsc = new ScriptedSmsc();
        await using var client = await Smsc.StartClientAsync(Options(smsc.Port), waitForBind: false);
        await using var peerFirst = smsc; // disposed before the client: its unbind then fails fast instead of waiting 5 s
        await smsc.BindAsync();

        await smsc.WriteRawAsync(Hex.Bytes("00000010 0000abcd 00000000 00000033"));
        var nack = await smsc.ReadAsync<GenericNack>();

        Assert.Equal(CommandStatus.InvalidCommandId, nack.CommandStatus);
        Assert.Equal(0x33u, nack.SequenceNumber);
    }

    [Fact]
    public async Task Client_PeerEnquireLink_IsAnswered()
    {
        var smsc = new ScriptedSmsc();
        await using var client = await Smsc.StartClientAsync(Options(smsc.Port), waitForBind: false);
        await using var peerFirst = smsc; // disposed before the client: its unbind then fails fast instead of waiting 5 s
        await smsc.BindAsync();

        await smsc.WriteAsync(new EnquireLink { SequenceNumber = 77 });
        var response = await smsc.ReadAsync<EnquireLinkResp>();

        Assert.Equal(77u, response.SequenceNumber);
    }

    [Fact]
    public async Task Client_UnmatchedReceiptAndMobileOriginated_AreAlwaysAnsweredWithStatusZero()
    {
        var smsc = new ScriptedSmsc();
        var options = Options(smsc.Port);
        options.ReceiptHoldTime = TimeSpan.FromMilliseconds(300);
        await using var client = await Smsc.StartClientAsync(options, waitForBind: false);
        await using var peerFirst = smsc; // disposed before the client: its unbind then fails fast instead of waiting 5 s
        var sink = new ReceiptSink(client);
        await smsc.BindAsync();

        await smsc.WriteRawAsync(CapturedVectorTests.NodeDlrDeliverSm()); // seq 1, collides with our bind seq harmlessly
        var first = await smsc.ReadAsync<DeliverSmResp>();
        await smsc.WriteAsync(new DeliverSm { SequenceNumber = 2, SourceAddr = "491700000001", ShortMessage = "hello"u8.ToArray() });
        var second = await smsc.ReadAsync<DeliverSmResp>();

        Assert.Equal((1u, CommandStatus.Ok), (first.SequenceNumber, first.CommandStatus));
        Assert.Equal((2u, CommandStatus.Ok), (second.SequenceNumber, second.CommandStatus));
        // The unmatched receipt is held, then released uncorrelated.
        Assert.True(await Smsc.EventuallyAsync(() => sink.Receipts.Count == 1, TimeSpan.FromSeconds(5)));
        Assert.False(sink.Receipts[0].IsCorrelated);
        Assert.Equal("1000", sink.Receipts[0].MessageId);
        Assert.Equal(MessageState.Delivered, sink.Receipts[0].State);
    }

    [Fact]
    public async Task Client_ReceiptAsDataSm_IsAnsweredAndCorrelated()
    {
        var smsc = new ScriptedSmsc();
        await using var client = await Smsc.StartClientAsync(Options(smsc.Port), waitForBind: false);
        await using var peerFirst = smsc;
        var sink = new ReceiptSink(client);
        await smsc.BindAsync();
        var submit = client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);
        var request = await smsc.ReadAsync<SubmitSm>();
        await smsc.WriteAsync(new SubmitSmResp { SequenceNumber = request.SequenceNumber, MessageId = "00A1" });
        await submit;

        var dataSm = new DataSm { SequenceNumber = 5, SourceAddr = "491700000001", DestinationAddr = "MyIdP" };
        dataSm.Tlvs.ReceiptedMessageId = "a1";
        dataSm.Tlvs.MessageState = (byte)MessageState.Undeliverable;
        await smsc.WriteAsync(dataSm);

        Assert.Equal(5u, (await smsc.ReadAsync<DataSmResp>()).SequenceNumber);
        Assert.True(await Smsc.EventuallyAsync(() => sink.Receipts.Count == 1));
        Assert.Equal("00A1", sink.Receipts[0].MessageId);
        Assert.Equal(MessageState.Undeliverable, sink.Receipts[0].State);
    }

    [Fact]
    public async Task Client_LateAndUnknownResponses_AreIgnoredAndSessionContinues()
    {
        var smsc = new ScriptedSmsc();
        var logger = new CapturingLogger<SmppClient>();
        await using var client = await Smsc.StartClientAsync(Options(smsc.Port), logger, waitForBind: false);
        await using var peerFirst = smsc; // disposed before the client: its unbind then fails fast instead of waiting 5 s
        await smsc.BindAsync();
        await client.WaitUntilBoundAsync(CancellationToken.None);

        await smsc.WriteRawAsync(Hex.Bytes("00000015 80000004 00000000 00001234 31303030 00"));
        var submit = client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);
        var request = await smsc.ReadAsync<SubmitSm>();
        await smsc.WriteAsync(new SubmitSmResp { SequenceNumber = request.SequenceNumber, MessageId = "42" });

        Assert.Equal("42", (await submit).MessageIds[0]);
        Assert.Contains(logger.Entries, e => e.EventId.Id == 1400);
    }

    [Fact]
    public async Task Client_GenericNackForSubmit_FailsThatSubmitPermanently()
    {
        var smsc = new ScriptedSmsc();
        await using var client = await Smsc.StartClientAsync(Options(smsc.Port), waitForBind: false);
        await using var peerFirst = smsc; // disposed before the client: its unbind then fails fast instead of waiting 5 s
        await smsc.BindAsync();

        var submit = client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);
        var request = await smsc.ReadAsync<SubmitSm>();
        await smsc.WriteAsync(new GenericNack { SequenceNumber = request.SequenceNumber, CommandStatus = CommandStatus.InvalidCommandLength });

        var ex = await Assert.ThrowsAsync<SmppSubmitException>(() => submit);
        Assert.True(ex.IsPermanent);
    }

    [Fact]
    public async Task Client_InvalidBindStatusOnSubmit_RebindsAndResends()
    {
        var smsc = new ScriptedSmsc();
        await using var client = await Smsc.StartClientAsync(Options(smsc.Port), waitForBind: false);
        await using var peerFirst = smsc;
        await smsc.BindAsync();

        var submit = client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);
        var first = await smsc.ReadAsync<SubmitSm>();
        await smsc.WriteAsync(new SubmitSmResp { SequenceNumber = first.SequenceNumber, CommandStatus = CommandStatus.InvalidBindStatus });
        await smsc.BindAsync(); // the client dropped the link and bound again
        var second = await smsc.ReadAsync<SubmitSm>();
        await smsc.WriteAsync(new SubmitSmResp { SequenceNumber = second.SequenceNumber, MessageId = "7" });

        Assert.Equal("7", (await submit).MessageIds[0]);
        Assert.Equal(2, client.Counters.Binds);
    }

    [Fact]
    public async Task Client_ErrorResponseWithBody_IsHandledLikeWithout()
    {
        var smsc = new ScriptedSmsc();
        await using var client = await Smsc.StartClientAsync(Options(smsc.Port), waitForBind: false);
        await using var peerFirst = smsc; // disposed before the client: its unbind then fails fast instead of waiting 5 s
        await smsc.BindAsync();

        var submit = client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);
        var request = await smsc.ReadAsync<SubmitSm>();
        await smsc.WriteAsync(new SubmitSmResp { SequenceNumber = request.SequenceNumber, CommandStatus = CommandStatus.InvalidDestinationAddress, MessageId = "ignored" });

        var ex = await Assert.ThrowsAsync<SmppSubmitException>(() => submit);
        Assert.Equal(CommandStatus.InvalidDestinationAddress, ex.CommandStatus);
    }

    [Fact]
    public async Task Client_PeerSendsHttp_ClosesWithDiagnosticAndReconnects()
    {
        var smsc = new ScriptedSmsc();
        var logger = new CapturingLogger<SmppClient>();
        await using var client = await Smsc.StartClientAsync(Options(smsc.Port), logger, waitForBind: false);
        await using var peerFirst = smsc; // disposed before the client: its unbind then fails fast instead of waiting 5 s
        await smsc.AcceptAsync();
        await smsc.ReadAsync<BindRequest>();

        await smsc.WriteRawAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());

        Assert.True(await Smsc.EventuallyAsync(() => logger.Entries.Any(e => e.EventId.Id == 1002)));
        Assert.Contains("HTTP", logger.Entries.First(e => e.EventId.Id == 1002).Message, StringComparison.Ordinal);
        Assert.True(await Smsc.EventuallyAsync(() => client.Counters.BindFailures >= 1));
    }
}
