using System.Buffers.Binary;
using IdP.Smpp.Pdus;
using IdP.Smpp.Tests.Pdus;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Hostile;

/// <summary>Seeded generators of random and mutated SMPP byte streams.</summary>
internal static class HostileBytes
{
    private static readonly byte[][] Seeds =
    [
        Hex.Bytes(CapturedVectorTests.NodeSubmitSm),
        CapturedVectorTests.NodeDlrDeliverSm(),
        Hex.Bytes("00000019 80000009 00000000 00000004 4e4f4445534d534300"),
        Hex.Bytes("00000015 80000004 00000000 00000005 31303030 00"),
        Hex.Bytes("00000010 00000015 00000000 00000001"),
        PduCodec.Encode(new BindRequest(CommandId.BindTransceiver) { SequenceNumber = 1, SystemId = "idp", Password = "pw" }),
        PduCodec.Encode(new DataSm { SequenceNumber = 3, DestinationAddr = "4917", Tlvs = { MessagePayload = new byte[40] } }),
    ];

    public static byte[] Next(Random random)
    {
        return random.Next(5) switch
        {
            0 => RandomBytes(random),
            1 => Mutate(random, Seeds[random.Next(Seeds.Length)]),
            2 => PlausibleHeader(random),
            3 => Truncated(random),
            _ => Concatenated(random),
        };
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        byte[] copy = (byte[])seed.Clone();
        int flips = random.Next(1, 6);
        for (int i = 0; i < flips; i++)
        {
            // Keep command_length intact half of the time so the body parser, not the framer, gets the garbage.
            int start = random.Next(2) == 0 ? 4 : 0;
            if (copy.Length > start) copy[random.Next(start, copy.Length)] = (byte)random.Next(256);
        }
        return copy;
    }

    private static byte[] PlausibleHeader(Random random)
    {
        int length = random.Next(16, 200);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)length);
        uint[] ids = [0x01, 0x02, 0x04, 0x05, 0x06, 0x09, 0x15, 0x103, 0x80000004, 0x80000005, 0x80000009, 0x80000000, (uint)random.Next()];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), ids[random.Next(ids.Length)]);
        return bytes;
    }

    private static byte[] Truncated(Random random)
    {
        byte[] seed = Seeds[random.Next(Seeds.Length)];
        int cut = random.Next(16, seed.Length + 1);
        byte[] copy = seed[..cut];
        BinaryPrimitives.WriteUInt32BigEndian(copy, (uint)cut); // framing says complete, body ends early
        return copy;
    }

    private static byte[] Concatenated(Random random) => [.. Seeds[random.Next(Seeds.Length)], .. Mutate(random, Seeds[random.Next(Seeds.Length)]), .. RandomBytes(random)];
}
