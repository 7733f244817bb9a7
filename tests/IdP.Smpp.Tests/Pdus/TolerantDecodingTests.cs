using IdP.Smpp.Pdus;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Pdus;

public sealed class TolerantDecodingTests
{
    [Theory]
    [InlineData("00000010 80000004 0000000b 00000007", "")]             // error, no body (usual)
    [InlineData("00000011 80000004 0000000b 00000007 00", "")]          // error, empty C-string
    [InlineData("00000014 80000004 0000000b 00000007 61626300", "abc")] // error, with id (smppex #6, gosmpp #106)
    public void SubmitSmResp_ErrorWithOrWithoutBody_Decodes(string hex, string expectedId)
    {
        var pdu = Assert.IsType<SubmitSmResp>(PduCodec.Decode(Hex.Bytes(hex)));

        Assert.Equal(CommandStatus.InvalidDestinationAddress, pdu.CommandStatus);
        Assert.Equal(expectedId, pdu.MessageId);
    }

    [Fact]
    public void DataSmResp_ErrorWithTlvs_KeepsTlvs()
    {
        // jsmpp #163: data_sm_resp may carry TLVs on error.
        var pdu = Assert.IsType<DataSmResp>(PduCodec.Decode(Hex.Bytes("0000001a 80000103 00000045 00000002 00 04250001 02 0020 0000")));

        Assert.Equal(CommandStatus.SubmitFailed, pdu.CommandStatus);
        Assert.Equal((byte)2, pdu.Tlvs.DeliveryFailureReason);
        Assert.Single(pdu.Tlvs.Other);
    }

    [Fact]
    public void BindResp_ErrorWithoutBody_DecodesAndReencodesWithoutBody()
    {
        var pdu = Assert.IsType<BindResponse>(PduCodec.Decode(Hex.Bytes("00000010 80000009 0000000e 00000001")));

        Assert.Equal(CommandStatus.InvalidPassword, pdu.CommandStatus);
        Assert.Equal(string.Empty, pdu.SystemId);
        Assert.Equal(16, PduCodec.Encode(pdu).Length);
    }

    [Fact]
    public void SubmitSm_UnknownTlvs_AreSkippedAndKept()
    {
        var original = PduCodec.Decode(Hex.Bytes(CapturedVectorTests.NodeSubmitSm));
        byte[] withUnknown = [.. PduCodec.Encode(original), .. Hex.Bytes("1401 0003 616263 3fff 0000")];
        withUnknown[3] = (byte)withUnknown.Length;

        var pdu = Assert.IsType<SubmitSm>(PduCodec.Decode(withUnknown));

        Assert.Equal((ushort)4242, pdu.Tlvs.UserMessageReference);
        Assert.Equal([(ushort)0x1401, (ushort)0x3fff], pdu.Tlvs.Other.Select(t => t.Tag));
        Assert.Equal("abc"u8.ToArray(), pdu.Tlvs.Other[0].Value.ToArray());
    }

    [Fact]
    public void KnownTlv_WithWrongLength_IsKeptAsOtherInsteadOfThrowing()
    {
        var pdu = Assert.IsType<SubmitSmResp>(PduCodec.Decode(Hex.Bytes("00000018 80000004 00000000 00000001 3100 04270002 0102")));

        Assert.Null(pdu.Tlvs.MessageState);
        Assert.Single(pdu.Tlvs.Other);
    }

    [Fact]
    public void SubmitSm_BodyEndsAfterDestination_MissingTrailingFieldsDefault()
    {
        byte[] full = Hex.Bytes(CapturedVectorTests.NodeSubmitSm);
        int end = 16 + 1 + 2 + 6 + 2 + 14; // service_type, src ton/npi, "MyIdP\0", dst ton/npi, "4915112345678\0"
        byte[] truncated = full[..end];
        truncated[3] = (byte)end;

        var pdu = Assert.IsType<SubmitSm>(PduCodec.Decode(truncated));

        Assert.Equal("4915112345678", pdu.DestinationAddr);
        Assert.Equal(string.Empty, pdu.ValidityPeriod);
        Assert.Equal(0, pdu.ShortMessage.Length);
        Assert.True(pdu.Tlvs.IsEmpty);
    }

    [Fact]
    public void BindRequest_UnterminatedLastString_TakesTheRest()
    {
        var pdu = Assert.IsType<BindRequest>(PduCodec.Decode(Hex.Bytes("00000013 00000009 00000000 00000001 696470")));

        Assert.Equal("idp", pdu.SystemId);
        Assert.Equal(string.Empty, pdu.Password);
    }

    [Fact]
    public void SubmitSm_SmLengthPastEnd_ThrowsDecodeExceptionWithSequence()
    {
        byte[] frame = Hex.Bytes(CapturedVectorTests.NodeSubmitSm)[..^8]; // cut the message short, keep sm_length 13
        frame[3] = (byte)frame.Length;

        var ex = Assert.Throws<SmppDecodeException>(() => PduCodec.Decode(frame));

        Assert.IsNotType<SmppFramingException>(ex);
        Assert.Equal(5u, ex.SequenceNumber);
        Assert.Contains("sm_length", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LengthFieldDisagreesWithFrame_ThrowsDecodeException()
    {
        Assert.Throws<SmppDecodeException>(() => PduCodec.Decode(Hex.Bytes("00000020 80000015 00000000 00000001")));
    }
}
