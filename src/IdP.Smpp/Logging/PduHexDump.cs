using System.Buffers.Binary;
using System.Text;
using IdP.Smpp.Pdus;

namespace IdP.Smpp.Logging;

/// <summary>
/// Hex dumps of frames for Debug logs, with secrets masked: the bind password, short_message / message_payload
/// (which carry OTP digits) and all but the last 4 digits of addresses are replaced by "**".
/// </summary>
internal static class PduHexDump
{
    public static string Format(ReadOnlySpan<byte> frame)
    {
        var masked = new bool[frame.Length];
        try
        {
            MarkSecrets(frame, masked);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            // Malformed frames: mask the whole body rather than risk leaking it.
            for (int i = PduHeader.Length; i < masked.Length; i++) masked[i] = true;
        }
        var builder = new StringBuilder(frame.Length * 2 + frame.Length / 4);
        for (int i = 0; i < frame.Length; i++)
        {
            if (i > 0 && i % 4 == 0) builder.Append(' ');
            builder.Append(masked[i] ? "**" : frame[i].ToString("x2"));
        }
        return builder.ToString();
    }

    private static void MarkSecrets(ReadOnlySpan<byte> frame, bool[] masked)
    {
        if (frame.Length <= PduHeader.Length) return;
        var id = (CommandId)BinaryPrimitives.ReadUInt32BigEndian(frame[4..]);
        int p = PduHeader.Length;
        switch (id)
        {
            case CommandId.BindTransmitter or CommandId.BindReceiver or CommandId.BindTransceiver:
                p = SkipCString(frame, p);
                MarkCString(frame, ref p, masked, keepLast: 0);
                break;
            case CommandId.SubmitSm or CommandId.DeliverSm:
                p = SkipCString(frame, p) + 2;
                MarkCString(frame, ref p, masked, keepLast: 4);
                p += 2;
                MarkCString(frame, ref p, masked, keepLast: 4);
                p += 3;
                p = SkipCString(frame, p);
                p = SkipCString(frame, p) + 4;
                int smLength = frame[p++];
                MarkRange(masked, p, smLength);
                MarkPayload(frame, p + smLength, masked);
                break;
            case CommandId.DataSm:
                p = SkipCString(frame, p) + 2;
                MarkCString(frame, ref p, masked, keepLast: 4);
                p += 2;
                MarkCString(frame, ref p, masked, keepLast: 4);
                MarkPayload(frame, p + 3, masked);
                break;
        }
    }

    private static void MarkPayload(ReadOnlySpan<byte> frame, int p, bool[] masked)
    {
        while (p + 4 <= frame.Length)
        {
            ushort tag = BinaryPrimitives.ReadUInt16BigEndian(frame[p..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(frame[(p + 2)..]);
            if (tag == TlvTag.MessagePayload) MarkRange(masked, p + 4, length);
            p += 4 + length;
        }
    }

    private static int SkipCString(ReadOnlySpan<byte> frame, int p)
    {
        int nul = frame[p..].IndexOf((byte)0);
        return nul < 0 ? frame.Length : p + nul + 1;
    }

    private static void MarkCString(ReadOnlySpan<byte> frame, ref int p, bool[] masked, int keepLast)
    {
        int end = SkipCString(frame, p);
        int textLength = Math.Max(0, end - p - 1);
        MarkRange(masked, p, Math.Max(0, textLength - keepLast));
        p = end;
    }

    private static void MarkRange(bool[] masked, int start, int length)
    {
        for (int i = start; i < start + length && i < masked.Length; i++) masked[i] = true;
    }
}
