using IdP.Smpp.Pdus;

namespace IdP.Smpp.Tests.Pdus;

public sealed class PduRoundTripTests
{
    public static TheoryData<string> PduNames => new(Samples.Keys);

    private static readonly Dictionary<string, Func<Pdu>> Samples = new()
    {
        ["bind_transmitter"] = () => Bind(CommandId.BindTransmitter),
        ["bind_receiver"] = () => Bind(CommandId.BindReceiver),
        ["bind_transceiver"] = () => Bind(CommandId.BindTransceiver),
        ["bind_transmitter_resp"] = () => BindResp(CommandId.BindTransmitterResp),
        ["bind_receiver_resp"] = () => BindResp(CommandId.BindReceiverResp),
        ["bind_transceiver_resp"] = () => BindResp(CommandId.BindTransceiverResp),
        ["submit_sm"] = () => FullShortMessage(new SubmitSm()),
        ["submit_sm_resp"] = () => new SubmitSmResp { SequenceNumber = 7, MessageId = "0a1b2c" },
        ["deliver_sm"] = () => FullShortMessage(new DeliverSm { EsmClass = 0x04 }),
        ["deliver_sm_resp"] = () => new DeliverSmResp { SequenceNumber = 8 },
        ["data_sm"] = () => DataSm(),
        ["data_sm_resp"] = () => DataSmResp(),
        ["enquire_link"] = () => new EnquireLink { SequenceNumber = 0x7FFFFFFF },
        ["enquire_link_resp"] = () => new EnquireLinkResp { SequenceNumber = 1 },
        ["unbind"] = () => new Unbind { SequenceNumber = 2 },
        ["unbind_resp"] = () => new UnbindResp { SequenceNumber = 2 },
        ["generic_nack"] = () => new GenericNack { SequenceNumber = 3, CommandStatus = CommandStatus.InvalidCommandId },
        ["unknown (query_sm)"] = () => new UnknownPdu(CommandId.QuerySm) { SequenceNumber = 4, Body = new byte[] { 0x31, 0x00, 0x01, 0x01, 0x32, 0x00 } },
    };

    [Theory]
    [MemberData(nameof(PduNames))]
    public void Pdu_EncodeThenDecode_ReencodesIdentically(string name)
    {
        var original = Samples[name]();
        byte[] encoded = PduCodec.Encode(original);

        var decoded = PduCodec.Decode(encoded);

        Assert.Equal(original.GetType(), decoded.GetType());
        Assert.Equal(original.CommandId, decoded.CommandId);
        Assert.Equal(original.SequenceNumber, decoded.SequenceNumber);
        Assert.Equal(original.CommandStatus, decoded.CommandStatus);
        Assert.Equal(encoded.Length, decoded.EncodedLength);
        Assert.Equal(Convert.ToHexString(encoded), Convert.ToHexString(PduCodec.Encode(decoded)));
    }

    [Fact]
    public void SubmitSm_AllTlvs_SurviveRoundTrip()
    {
        var original = FullShortMessage(new SubmitSm());

        var decoded = Assert.IsType<SubmitSm>(PduCodec.Decode(PduCodec.Encode(original)));

        Assert.Equal("CMT", decoded.ServiceType);
        Assert.Equal("491700000001", decoded.DestinationAddr);
        Assert.Equal((ushort)77, decoded.Tlvs.UserMessageReference);
        Assert.Equal((ushort)0xBEEF, decoded.Tlvs.SarMsgRefNum);
        Assert.Equal((byte)3, decoded.Tlvs.SarTotalSegments);
        Assert.Equal((byte)2, decoded.Tlvs.SarSegmentSeqnum);
        Assert.Equal("abc", decoded.Tlvs.ReceiptedMessageId);
        Assert.Equal((byte)5, decoded.Tlvs.MessageState);
        Assert.Equal(new NetworkErrorCode(3, 0x0102), decoded.Tlvs.NetworkErrorCode);
        Assert.Equal("busy", decoded.Tlvs.AdditionalStatusInfoText);
        Assert.Equal((byte)1, decoded.Tlvs.DeliveryFailureReason);
        Assert.Equal(new byte[] { 0x40, 0x00 }, decoded.ShortMessage.ToArray());
    }

    [Fact]
    public void BindResponse_WithScInterfaceVersion_RoundTrips()
    {
        var decoded = Assert.IsType<BindResponse>(PduCodec.Decode(PduCodec.Encode(BindResp(CommandId.BindTransceiverResp))));

        Assert.Equal("SMSC", decoded.SystemId);
        Assert.Equal((byte)0x34, decoded.Tlvs.ScInterfaceVersion);
    }

    [Fact]
    public void Encode_IntoBufferWriter_WritesSameBytesAsSpan()
    {
        var pdu = FullShortMessage(new SubmitSm());
        var writer = new System.Buffers.ArrayBufferWriter<byte>();

        PduCodec.Encode(pdu, writer);

        Assert.Equal(PduCodec.Encode(pdu), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Encode_BufferTooSmall_ThrowsArgumentException()
    {
        var pdu = FullShortMessage(new SubmitSm());

        Assert.Throws<ArgumentException>(() => PduCodec.Encode(pdu, new byte[pdu.EncodedLength - 1]));
    }

    private static BindRequest Bind(CommandId id) => new(id)
    {
        SequenceNumber = 1,
        SystemId = "idp",
        Password = "secret",
        SystemType = "OTP",
        AddrTon = 1,
        AddrNpi = 1,
        AddressRange = "49*",
    };

    private static BindResponse BindResp(CommandId id)
    {
        var pdu = new BindResponse(id) { SequenceNumber = 1, SystemId = "SMSC" };
        pdu.Tlvs.ScInterfaceVersion = 0x34;
        return pdu;
    }

    private static ShortMessagePdu FullShortMessage(ShortMessagePdu pdu)
    {
        pdu.SequenceNumber = 42;
        pdu.ServiceType = "CMT";
        pdu.SourceAddrTon = 5;
        pdu.SourceAddr = "MyIdP";
        pdu.DestAddrTon = 1;
        pdu.DestAddrNpi = 1;
        pdu.DestinationAddr = "491700000001";
        pdu.ProtocolId = 0;
        pdu.PriorityFlag = 1;
        pdu.ScheduleDeliveryTime = string.Empty;
        pdu.ValidityPeriod = "000000000500000R";
        pdu.RegisteredDelivery = 1;
        pdu.DataCoding = 8;
        pdu.ShortMessage = new byte[] { 0x40, 0x00 };
        pdu.Tlvs.UserMessageReference = 77;
        pdu.Tlvs.SarMsgRefNum = 0xBEEF;
        pdu.Tlvs.SarTotalSegments = 3;
        pdu.Tlvs.SarSegmentSeqnum = 2;
        pdu.Tlvs.ReceiptedMessageId = "abc";
        pdu.Tlvs.MessageState = 5;
        pdu.Tlvs.NetworkErrorCode = new NetworkErrorCode(3, 0x0102);
        pdu.Tlvs.AdditionalStatusInfoText = "busy";
        pdu.Tlvs.DeliveryFailureReason = 1;
        return pdu;
    }

    private static DataSm DataSm()
    {
        var pdu = new DataSm
        {
            SequenceNumber = 9,
            SourceAddrTon = 1,
            SourceAddrNpi = 1,
            SourceAddr = "4930123456",
            DestAddrTon = 1,
            DestAddrNpi = 1,
            DestinationAddr = "491700000002",
            RegisteredDelivery = 1,
        };
        pdu.Tlvs.MessagePayload = new byte[300];
        return pdu;
    }

    private static DataSmResp DataSmResp()
    {
        var pdu = new DataSmResp { SequenceNumber = 10, MessageId = "99", CommandStatus = CommandStatus.Ok };
        pdu.Tlvs.DeliveryFailureReason = 2;
        pdu.Tlvs.AdditionalStatusInfoText = "queued";
        return pdu;
    }
}
