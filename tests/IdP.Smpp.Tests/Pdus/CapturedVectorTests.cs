using System.Text;
using IdP.Smpp.Pdus;
using IdP.Smpp.Receipts;
using IdP.Smpp.Tests.TestSupport;
using IdP.Smpp.Text;

namespace IdP.Smpp.Tests.Pdus;

/// <summary>The byte vectors captured from node-smpp (SMPP.md, "Raw vectors").</summary>
public sealed class CapturedVectorTests
{
    internal const string NodeSubmitSm =
        "000000560000000400000000000000050005004d794964500001013439313531313233343536373800000000003030303030303030303530303030305200010000000d436f646520313233201b652000020400021092";

    [Fact]
    public void SubmitSm_NodeSmppVector_DecodesEveryField()
    {
        var pdu = Assert.IsType<SubmitSm>(PduCodec.Decode(Hex.Bytes(NodeSubmitSm)));

        Assert.Equal(5u, pdu.SequenceNumber);
        Assert.Equal(CommandStatus.Ok, pdu.CommandStatus);
        Assert.Equal(string.Empty, pdu.ServiceType);
        Assert.Equal((byte)5, pdu.SourceAddrTon);
        Assert.Equal((byte)0, pdu.SourceAddrNpi);
        Assert.Equal("MyIdP", pdu.SourceAddr);
        Assert.Equal((byte)1, pdu.DestAddrTon);
        Assert.Equal((byte)1, pdu.DestAddrNpi);
        Assert.Equal("4915112345678", pdu.DestinationAddr);
        Assert.Equal("000000000500000R", pdu.ValidityPeriod);
        Assert.Equal(TimeSpan.FromMinutes(5), SmppTime.ParseRelative(pdu.ValidityPeriod));
        Assert.Equal((byte)1, pdu.RegisteredDelivery);
        Assert.Equal((byte)0, pdu.DataCoding);
        Assert.Equal(13, pdu.ShortMessage.Length);
        Assert.Equal("Code 123 € @", SmsText.Decode(pdu.ShortMessage.Span, pdu.DataCoding));
        Assert.Equal((ushort)4242, pdu.Tlvs.UserMessageReference);
    }

    [Fact]
    public void SubmitSm_NodeSmppVector_ReencodesByteForByte()
    {
        var pdu = PduCodec.Decode(Hex.Bytes(NodeSubmitSm));

        Assert.Equal(NodeSubmitSm, Hex.Of(PduCodec.Encode(pdu)));
    }

    [Fact]
    public void SubmitSm_BuiltFromScratch_MatchesNodeSmppVector()
    {
        var pdu = new SubmitSm
        {
            SequenceNumber = 5,
            SourceAddrTon = 5,
            SourceAddr = "MyIdP",
            DestAddrTon = 1,
            DestAddrNpi = 1,
            DestinationAddr = "4915112345678",
            ValidityPeriod = SmppTime.FormatRelative(TimeSpan.FromMinutes(5)),
            RegisteredDelivery = 1,
            ShortMessage = Gsm7.EncodeUnpacked("Code 123 € @"),
        };
        pdu.Tlvs.UserMessageReference = 4242;

        Assert.Equal(NodeSubmitSm, Hex.Of(PduCodec.Encode(pdu)));
    }

    [Fact]
    public void BindTransceiverResp_NodeSmscVector_DecodesSystemId()
    {
        var pdu = Assert.IsType<BindResponse>(PduCodec.Decode(Hex.Bytes("00000019 80000009 00000000 00000004 4e4f4445534d534300")));

        Assert.Equal(CommandId.BindTransceiverResp, pdu.CommandId);
        Assert.Equal(4u, pdu.SequenceNumber);
        Assert.Equal("NODESMSC", pdu.SystemId);
        Assert.Null(pdu.Tlvs.ScInterfaceVersion);
    }

    [Fact]
    public void SubmitSmResp_NodeSmscVector_DecodesMessageId()
    {
        var pdu = Assert.IsType<SubmitSmResp>(PduCodec.Decode(Hex.Bytes("00000015 80000004 00000000 00000005 31303030 00")));

        Assert.Equal("1000", pdu.MessageId);
        Assert.Equal(5u, pdu.SequenceNumber);
    }

    [Fact]
    public void GenericNack_ForUnknownCommand_DecodesInvalidCommandId()
    {
        var pdu = Assert.IsType<GenericNack>(PduCodec.Decode(Hex.Bytes("00000010 80000000 00000003 00000003")));

        Assert.Equal(CommandStatus.InvalidCommandId, pdu.CommandStatus);
        Assert.Equal(3u, pdu.SequenceNumber);
        Assert.True(pdu.IsResponse);
    }

    [Fact]
    public void EnquireLinkResp_BeforeBind_Decodes()
    {
        var pdu = PduCodec.Decode(Hex.Bytes("00000010 80000015 00000000 00000001"));

        Assert.IsType<EnquireLinkResp>(pdu);
        Assert.Equal(1u, pdu.SequenceNumber);
    }

    [Fact]
    public void SubmitSmResp_BeforeBindWithoutBody_DecodesStatusAndEmptyId()
    {
        var pdu = Assert.IsType<SubmitSmResp>(PduCodec.Decode(Hex.Bytes("00000010 80000004 00000004 00000002")));

        Assert.Equal(CommandStatus.InvalidBindStatus, pdu.CommandStatus);
        Assert.Equal(string.Empty, pdu.MessageId);
        Assert.Equal("0000001080000004" + "0000000400000002", Hex.Of(PduCodec.Encode(pdu)));
    }

    /// <summary>The DLR deliver_sm as SMPP.md describes it: 179 octets, addresses swapped, esm_class 04, sm_length 0x6c, text ending "? " + 00.</summary>
    internal static byte[] NodeDlrDeliverSm()
    {
        string text = "id:1000 sub:001 dlvrd:001 submit date:2511230930 done date:2511230930 stat:DELIVRD err:000 text:Code 123 ? ";
        var body = new List<byte> { 0x00, 0x01, 0x01 };
        body.AddRange(Encoding.ASCII.GetBytes("4915112345678\0"));
        body.AddRange([0x05, 0x00]);
        body.AddRange(Encoding.ASCII.GetBytes("MyIdP\0"));
        body.AddRange([0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
        body.Add(0x6c);
        body.AddRange(Encoding.ASCII.GetBytes(text));
        body.Add(0x00);
        body.AddRange(Hex.Bytes("001e0005 3130303000 04270001 02 02040002 1092"));
        var frame = new List<byte>();
        frame.AddRange(Hex.Bytes($"{16 + body.Count:x8} 00000005 00000000 00000001"));
        frame.AddRange(body);
        return frame.ToArray();
    }

    [Fact]
    public void DeliverSm_DlrShapeFromSmppMd_DecodesAsCorrelatableReceipt()
    {
        byte[] frame = NodeDlrDeliverSm();
        Assert.Equal(179, frame.Length);

        var pdu = Assert.IsType<DeliverSm>(PduCodec.Decode(frame));
        var receipt = DeliveryReceipt.FromDeliverSm(pdu);

        Assert.True(pdu.IsDeliveryReceipt);
        Assert.Equal(0x6c, pdu.ShortMessage.Length);
        Assert.Equal(0, pdu.ShortMessage.Span[^1]);
        Assert.Equal("4915112345678", pdu.SourceAddr);
        Assert.Equal("MyIdP", pdu.DestinationAddr);
        Assert.Equal("1000", pdu.Tlvs.ReceiptedMessageId);
        Assert.Equal((byte)2, pdu.Tlvs.MessageState);
        Assert.Equal((ushort)4242, pdu.Tlvs.UserMessageReference);
        Assert.Equal("1000", receipt.MessageId);
        Assert.Equal("1000", receipt.TextMessageId);
        Assert.Equal(MessageState.Delivered, receipt.State);
        Assert.Equal("000", receipt.ErrorCode);
        Assert.Equal(new DateTimeOffset(2025, 11, 23, 9, 30, 0, TimeSpan.Zero), receipt.DoneDate);
        // Re-encoding keeps every octet; only the TLV order may differ from the capture.
        byte[] reencoded = PduCodec.Encode(pdu);
        Assert.Equal(frame.Length, reencoded.Length);
        Assert.Equal(Hex.Of(frame.AsSpan(0, 179 - 20)), Hex.Of(reencoded.AsSpan(0, 179 - 20)));
    }
}
