using System.Buffers.Binary;
using IdP.Smpp.Pdus;
using IdP.Smpp.Tests.TestSupport;
using IdP.Smpp.Text;

namespace IdP.Smpp.Tests.Pdus;

public sealed class ShortMessagePduViewTests
{
    [Fact]
    public void Parse_NodeSubmitSm_ExposesFieldsAsSlices()
    {
        byte[] frame = Hex.Bytes(CapturedVectorTests.NodeSubmitSm);

        var view = ShortMessagePduView.Parse(frame);

        Assert.Equal(CommandId.SubmitSm, view.Header.CommandId);
        Assert.Equal("MyIdP"u8.ToArray(), view.SourceAddr.ToArray());
        Assert.Equal("4915112345678"u8.ToArray(), view.DestinationAddr.ToArray());
        Assert.Equal("000000000500000R"u8.ToArray(), view.ValidityPeriod.ToArray());
        Assert.Equal("Code 123 € @", SmsText.Decode(view.ShortMessage, view.DataCoding));
        Assert.True(view.TryGetTlv(TlvTag.UserMessageReference, out var umr));
        Assert.Equal(4242, BinaryPrimitives.ReadUInt16BigEndian(umr));
        Assert.False(view.TryGetTlv(TlvTag.MessagePayload, out _));
    }

    [Fact]
    public void EncodeIntoReusedBuffer_ThenParseView_AllocatesNothing()
    {
        var pdu = PduCodec.Decode(Hex.Bytes(CapturedVectorTests.NodeSubmitSm));
        var buffer = new byte[512];
        int Run()
        {
            int n = PduCodec.Encode(pdu, buffer);
            var view = ShortMessagePduView.Parse(buffer.AsSpan(0, n));
            return view.ShortMessage.Length;
        }
        Run(); // warm up (JIT, static tables)

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) Run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Parse_NotAShortMessagePdu_Throws()
    {
        Assert.Throws<SmppDecodeException>(() => ShortMessagePduView.Parse(Hex.Bytes("00000010 00000015 00000000 00000001")));
    }
}
