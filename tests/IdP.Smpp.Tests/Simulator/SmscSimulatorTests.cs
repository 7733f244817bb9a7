using System.Net.Sockets;
using IdP.Smpp.Pdus;
using IdP.Smpp.Receipts;
using IdP.Smpp.Simulator;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Simulator;

public sealed class SmscSimulatorTests
{
    [Fact]
    public async Task DataSm_FromBoundEsme_IsAnsweredAndRecordedWithDecodedText()
    {
        await using var smsc = await Smsc.StartAsync(o => o.MessageIdFormat = SimulatorMessageIdFormat.Hex);
        await using var esme = await RawEsme.BindAsync(smsc.Port);
        var dataSm = new DataSm { SequenceNumber = 2, SourceAddr = "MyIdP", DestAddrTon = 1, DestAddrNpi = 1, DestinationAddr = "491700000001", DataCoding = 8 };
        dataSm.Tlvs.MessagePayload = System.Text.Encoding.BigEndianUnicode.GetBytes("Код 42");

        await esme.SendAsync(dataSm);
        var response = Assert.IsType<DataSmResp>(await esme.ReadAsync());

        Assert.Equal(CommandStatus.Ok, response.CommandStatus);
        Assert.Equal("3e8", response.MessageId);
        var message = Assert.Single(smsc.Messages);
        Assert.Equal(CommandId.DataSm, message.CommandId);
        Assert.Equal("Код 42", message.Text);
        Assert.Equal(Smsc.SystemId, message.SystemId);
    }

    [Theory]
    [InlineData((byte)0, MessageState.Delivered, false)]
    [InlineData((byte)1, MessageState.Delivered, true)]
    [InlineData((byte)2, MessageState.Delivered, false)]  // failure-only receipts
    [InlineData((byte)2, MessageState.Undeliverable, true)]
    [InlineData((byte)0x11, MessageState.Delivered, true)] // Kannel's dlr-mask 31
    public async Task SubmitSm_RegisteredDelivery_DecidesWhetherAReceiptIsSent(byte registeredDelivery, MessageState state, bool expectReceipt)
    {
        await using var smsc = await Smsc.StartAsync(o => { o.ReceiptState = state; o.ReceiptWithTlvs = true; });
        await using var esme = await RawEsme.BindAsync(smsc.Port);
        var submit = (SubmitSm)PduCodec.Decode(Hex.Bytes(IdP.Smpp.Tests.Pdus.CapturedVectorTests.NodeSubmitSm));
        submit.RegisteredDelivery = registeredDelivery;

        await esme.SendAsync(submit);
        var response = Assert.IsType<SubmitSmResp>(await esme.ReadAsync());
        var next = await esme.TryReadAsync(TimeSpan.FromMilliseconds(400));

        Assert.Equal("1000", response.MessageId);
        if (!expectReceipt)
        {
            Assert.Null(next);
            return;
        }
        var deliver = Assert.IsType<DeliverSm>(next);
        Assert.Equal((byte)0x04, deliver.EsmClass);
        Assert.Equal("4915112345678", deliver.SourceAddr);
        Assert.Equal("MyIdP", deliver.DestinationAddr);
        Assert.Equal("1000", deliver.Tlvs.ReceiptedMessageId);
        Assert.Equal((byte)state, deliver.Tlvs.MessageState);
        var receipt = DeliveryReceipt.FromDeliverSm(deliver);
        Assert.Equal(state, receipt.State);
        // text: repeats the original octets, so the GSM '@' (0x00) of "Code 123 € @" shows up like in the capture.
        Assert.Equal(0, deliver.ShortMessage.Span[^1]);
    }

    [Fact]
    public async Task Receipt_ForTransmitterBind_GoesToTheReceiverOfTheSameSystemId()
    {
        await using var smsc = await Smsc.StartAsync();
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc, o => o.BindMode = SmppBindMode.TransmitterAndReceiver));
        var sink = new ReceiptSink(client);

        var result = await client.SubmitAsync(Smsc.Message("491700000001"), CancellationToken.None);

        Assert.True(await Smsc.EventuallyAsync(() => sink.Receipts.Count == 1));
        Assert.Equal(result.MessageIds[0], sink.Receipts[0].MessageId);
    }

    [Fact]
    public async Task Bind_Twice_IsAnsweredAlreadyBound()
    {
        await using var smsc = await Smsc.StartAsync();
        await using var esme = await RawEsme.BindAsync(smsc.Port);

        await esme.SendAsync(new BindRequest(CommandId.BindTransceiver) { SequenceNumber = 9, SystemId = Smsc.SystemId, Password = Smsc.Password });

        Assert.Equal(CommandStatus.AlreadyBound, (await esme.ReadAsync()).CommandStatus);
    }

    [Fact]
    public async Task Unbind_FromEsme_IsAnsweredAndConnectionClosed()
    {
        await using var smsc = await Smsc.StartAsync();
        await using var esme = await RawEsme.BindAsync(smsc.Port);

        await esme.SendAsync(new Unbind { SequenceNumber = 5 });

        Assert.IsType<UnbindResp>(await esme.ReadAsync());
        Assert.True(await Smsc.EventuallyAsync(() => smsc.ActiveSessions == 0));
    }

    [Fact]
    public async Task WaitForMessageAsync_NoMatch_TimesOut()
    {
        await using var smsc = await Smsc.StartAsync();

        await Assert.ThrowsAsync<TimeoutException>(() => smsc.WaitForMessageAsync(_ => true, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task MessageReceived_EventAndWaiter_SeeTheSameMessage()
    {
        await using var smsc = await Smsc.StartAsync();
        SimulatedMessage? raised = null;
        smsc.MessageReceived += (_, m) => raised = m;
        await using var client = await Smsc.StartClientAsync(Smsc.ClientOptions(smsc));
        var waiting = smsc.WaitForMessageAsync(m => m.Destination == "491700000009", TimeSpan.FromSeconds(5));

        await client.SubmitAsync(Smsc.Message("491700000009", "€ and @"), CancellationToken.None);
        var message = await waiting;

        Assert.Same(message, raised);
        Assert.Equal("€ and @", message.Text);
        Assert.Equal((byte)0, message.DataCoding);
    }

    /// <summary>A minimal hand-driven ESME over a raw socket.</summary>
    private sealed class RawEsme : IAsyncDisposable
    {
        private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp);
        private readonly List<byte> _buffer = [];

        public static async Task<RawEsme> BindAsync(int port)
        {
            var esme = new RawEsme();
            await esme._socket.ConnectAsync("127.0.0.1", port);
            await esme.SendAsync(new BindRequest(CommandId.BindTransceiver) { SequenceNumber = 1, SystemId = Smsc.SystemId, Password = Smsc.Password });
            Assert.Equal(CommandStatus.Ok, (await esme.ReadAsync()).CommandStatus);
            return esme;
        }

        public async Task SendAsync(Pdu pdu) => await _socket.SendAsync(PduCodec.Encode(pdu));

        public async Task<Pdu> ReadAsync() => await TryReadAsync(TimeSpan.FromSeconds(5)) ?? throw new TimeoutException("no PDU");

        public async Task<Pdu?> TryReadAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            var chunk = new byte[4096];
            while (true)
            {
                if (SmppFrameDecoder.TryDecode(_buffer.ToArray(), out var pdu, out int consumed))
                {
                    _buffer.RemoveRange(0, consumed);
                    return pdu;
                }
                int read;
                try
                {
                    read = await _socket.ReceiveAsync(chunk, cts.Token);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
                if (read == 0) return null;
                _buffer.AddRange(chunk[..read]);
            }
        }

        public ValueTask DisposeAsync()
        {
            _socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
