using System.Buffers;
using System.Diagnostics;
using IdP.Smpp.Pdus;
using IdP.Smpp.Receipts;

namespace IdP.Smpp.Tests.Hostile;

public sealed class DecoderFuzzTests
{
    [Fact]
    public void FrameDecoder_ThousandsOfHostileStreams_OnlyThrowsDocumentedExceptions()
    {
        var random = new Random(3403);
        var stopwatch = Stopwatch.StartNew();
        int decoded = 0, decodeErrors = 0, framingErrors = 0;
        for (int i = 0; i < 5000 && stopwatch.Elapsed < TimeSpan.FromSeconds(10); i++)
        {
            byte[] stream = HostileBytes.Next(random);
            int offset = 0;
            try
            {
                while (offset < stream.Length && SmppFrameDecoder.TryDecode(stream.AsSpan(offset), out var pdu, out int consumed))
                {
                    Assert.NotNull(pdu);
                    Assert.True(consumed >= 16);
                    offset += consumed;
                    decoded++;
                    // Whatever decodes must encode again (or be refused with an ArgumentException for broken limits).
                    try
                    {
                        PduCodec.Encode(pdu!);
                    }
                    catch (ArgumentException)
                    {
                        // A field longer than the spec allows: decoding is tolerant, encoding is strict.
                    }
                    if (pdu is ShortMessagePdu { IsDeliveryReceipt: true } receipt) DeliveryReceipt.FromDeliverSm(receipt);
                }
            }
            catch (SmppFramingException)
            {
                framingErrors++;
            }
            catch (SmppDecodeException)
            {
                decodeErrors++;
            }
        }

        Assert.True(decoded > 100 && decodeErrors > 10 && framingErrors > 10, $"decoded {decoded}, decode errors {decodeErrors}, framing errors {framingErrors}");
    }

    [Fact]
    public void TryReadFrame_HostileStreamsInSmallChunks_NeverThrowsUndocumented()
    {
        var random = new Random(77);
        for (int i = 0; i < 1000; i++)
        {
            byte[] stream = HostileBytes.Next(random);
            var pending = new List<byte>();
            try
            {
                foreach (var chunk in stream.Chunk(random.Next(1, 9)))
                {
                    pending.AddRange(chunk);
                    var sequence = new ReadOnlySequence<byte>(pending.ToArray());
                    while (SmppFrameDecoder.TryReadFrame(ref sequence, out var frame))
                    {
                        try
                        {
                            PduCodec.Decode(frame);
                        }
                        catch (SmppDecodeException ex) when (ex is not SmppFramingException)
                        {
                            // Body errors leave the framing intact: go on with the next frame.
                        }
                    }
                    pending = [.. sequence.ToArray()];
                }
            }
            catch (SmppFramingException ex)
            {
                Assert.False(string.IsNullOrEmpty(ex.Message));
            }
        }
    }
}
