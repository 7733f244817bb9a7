using IdP.Smpp.Logging;
using IdP.Smpp.Pdus;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Pdus;

public sealed class FieldLimitTests
{
    [Fact]
    public void BindRequest_PasswordLongerThanSpec_IsSentUntruncated()
    {
        var bind = new BindRequest(CommandId.BindTransceiver) { SystemId = "idp", Password = "averylongpassword42" };

        var decoded = Assert.IsType<BindRequest>(PduCodec.Decode(PduCodec.Encode(bind)));

        Assert.Equal("averylongpassword42", decoded.Password);
        Assert.Equal(FieldLimitPolicy.WarnOnly, SmppFieldLimits.Get(SmppField.Password).Policy);
    }

    [Fact]
    public void Options_PasswordLongerThanSpec_IsWarningNotError()
    {
        var options = new SmppClientOptions { SystemId = "idp", Password = "averylongpassword42", UseTls = true };

        Assert.Empty(options.GetErrors());
        Assert.Contains(options.GetWarnings(), w => w.Contains("Password", StringComparison.Ordinal) && !w.Contains("averylongpassword42", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(SmppField.SystemId, 16)]
    [InlineData(SmppField.Password, 9)]
    [InlineData(SmppField.SystemType, 13)]
    [InlineData(SmppField.SourceAddr, 21)]
    [InlineData(SmppField.DestinationAddr, 21)]
    [InlineData(SmppField.MessageId, 65)]
    public void FieldLimits_Table_MatchesSpecification(SmppField field, int maxOctets)
    {
        Assert.Equal(maxOctets, SmppFieldLimits.Get(field).MaxOctets);
        Assert.Equal(field, SmppFieldLimits.Get(field).Field);
    }

    [Fact]
    public void SubmitSm_DestinationTooLong_ThrowsReadableArgumentException()
    {
        var pdu = new SubmitSm { DestinationAddr = new string('1', 21) };

        var ex = Assert.Throws<ArgumentException>(() => PduCodec.Encode(pdu));

        Assert.Contains("destination_addr", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmitSm_ShortMessageOver254_ThrowsAndPointsToMessagePayload()
    {
        var pdu = new SubmitSm { ShortMessage = new byte[255] };

        var ex = Assert.Throws<ArgumentException>(() => PduCodec.Encode(pdu));

        Assert.Contains("message_payload", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SubmitSm_ShortMessageAndPayloadBoth_Throws()
    {
        var pdu = new SubmitSm { ShortMessage = new byte[] { 1 } };
        pdu.Tlvs.MessagePayload = new byte[] { 2 };

        Assert.Throws<ArgumentException>(() => PduCodec.Encode(pdu));
    }

    [Fact]
    public void HexDump_BindAndSubmit_MasksPasswordTextAndNumbers()
    {
        var bind = PduCodec.Encode(new BindRequest(CommandId.BindTransceiver) { SystemId = "idp", Password = "s3cr3t" });
        var submit = Hex.Bytes(CapturedVectorTests.NodeSubmitSm);

        string bindDump = PduHexDump.Format(bind).Replace(" ", string.Empty, StringComparison.Ordinal);
        string submitDump = PduHexDump.Format(submit).Replace(" ", string.Empty, StringComparison.Ordinal);

        Assert.Contains("69647000", bindDump, StringComparison.Ordinal); // "idp\0" stays readable
        Assert.DoesNotContain(Hex.Of("s3cr3t"u8), bindDump, StringComparison.Ordinal);
        Assert.DoesNotContain(Hex.Of("Code 123"u8), submitDump, StringComparison.Ordinal);
        Assert.DoesNotContain(Hex.Of("491511234"u8), submitDump, StringComparison.Ordinal);
        Assert.Contains(Hex.Of("5678"u8), submitDump, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4915112345678", "*********5678")]
    [InlineData("12345", "***45")]
    [InlineData("", "")]
    public void MaskAddress_KeepsOnlyLastDigits(string input, string expected)
    {
        Assert.Equal(expected, SmppMasking.MaskAddress(input));
    }
}
