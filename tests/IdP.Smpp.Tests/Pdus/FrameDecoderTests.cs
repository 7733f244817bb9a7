using System.Buffers;
using IdP.Smpp.Pdus;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Pdus;

public sealed class FrameDecoderTests
{
    [Fact]
    public void TryDecode_EverySplitPoint_NeedsMoreUntilComplete()
    {
        byte[] frame = Hex.Bytes(CapturedVectorTests.NodeSubmitSm);

        for (int split = 0; split < frame.Length; split++)
        {
            Assert.False(SmppFrameDecoder.TryDecode(frame.AsSpan(0, split), out var none, out int consumedNone), $"split {split}");
            Assert.Null(none);
            Assert.Equal(0, consumedNone);
        }

        Assert.True(SmppFrameDecoder.TryDecode(frame, out var pdu, out int consumed));
        Assert.IsType<SubmitSm>(pdu);
        Assert.Equal(frame.Length, consumed);
    }

    [Fact]
    public void TryReadFrame_StreamSplitAtEveryOffsetIntoSegments_YieldsAllPdusInOrder()
    {
        byte[] stream = [.. Hex.Bytes("00000010 80000015 00000000 00000001"), .. Hex.Bytes(CapturedVectorTests.NodeSubmitSm), .. Hex.Bytes("00000015 80000004 00000000 00000005 31303030 00")];

        for (int split = 1; split < stream.Length; split++)
        {
            var sequence = TwoSegments(stream, split);
            var ids = new List<CommandId>();
            while (SmppFrameDecoder.TryReadFrame(ref sequence, out var frame))
            {
                ids.Add(PduCodec.Decode(frame).CommandId);
            }
            Assert.Equal([CommandId.EnquireLinkResp, CommandId.SubmitSm, CommandId.SubmitSmResp], ids);
            Assert.Equal(0, sequence.Length);
        }
    }

    [Fact]
    public void TryReadFrame_PartialFrame_LeavesBufferUntouched()
    {
        byte[] frame = Hex.Bytes(CapturedVectorTests.NodeSubmitSm);
        var sequence = new ReadOnlySequence<byte>(frame, 0, frame.Length - 1);

        Assert.False(SmppFrameDecoder.TryReadFrame(ref sequence, out _));
        Assert.Equal(frame.Length - 1, sequence.Length);
    }

    [Theory]
    [InlineData("48545450 2f312e31", SmppFramingProblem.HttpOnSmppPort)] // "HTTP/1.1": node-smpp #230
    [InlineData("47455420 2f20", SmppFramingProblem.HttpOnSmppPort)]     // "GET /"
    [InlineData("504f5354 202f", SmppFramingProblem.HttpOnSmppPort)]     // "POST /"
    [InlineData("16030100 a5010000", SmppFramingProblem.TlsPlainMismatch)] // TLS ClientHello
    [InlineData("15030300 02", SmppFramingProblem.TlsPlainMismatch)]       // TLS alert
    [InlineData("80000009 00000000", SmppFramingProblem.FramingDesync)]    // node-smpp #78
    [InlineData("0000000f 00000015", SmppFramingProblem.FramingDesync)]    // below 16
    [InlineData("00000000", SmppFramingProblem.FramingDesync)]
    [InlineData("00010401", SmppFramingProblem.FramingDesync)]             // 64 KiB + 1 KiB + 1
    public void TryDecode_ImpossibleCommandLength_ThrowsFramingExceptionNamingCause(string hex, SmppFramingProblem expected)
    {
        byte[] bytes = Hex.Bytes(hex);

        var ex = Assert.Throws<SmppFramingException>(() => SmppFrameDecoder.TryDecode(bytes, out _, out _));

        Assert.Equal(expected, ex.Problem);
        Assert.Contains("command_length", ex.Message, StringComparison.Ordinal);
        string cause = expected switch
        {
            SmppFramingProblem.HttpOnSmppPort => "HTTP",
            SmppFramingProblem.TlsPlainMismatch => "TLS",
            _ => "desync",
        };
        Assert.Contains(cause, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGetFrameLength_MaximumAllowed_IsAccepted()
    {
        Assert.True(SmppFrameDecoder.TryGetFrameLength(Hex.Bytes("00010400"), out int length));
        Assert.Equal(SmppFrameDecoder.MaxCommandLength, length);
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] data, int split)
    {
        var first = new Segment(data.AsMemory(0, split), 0);
        var last = first.Append(data.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
