using System.Net;
using System.Net.Sockets;
using IdP.Smpp.Pdus;
using IdP.Smpp.Session;
using IdP.Smpp.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdP.Smpp.Tests.Hostile;

/// <summary>
/// Attack: a peer sends requests (here enquire_link) as fast as it can and never reads our responses. Every request
/// queues a response for the writer, which cannot flush; without a bound that queue grows with the flood. The
/// connection stops reading at <see cref="SmppConnection.MaxQueuedOutbound"/> queued PDUs, so TCP pushes back on the
/// peer, and nothing is lost once the peer reads again.
/// </summary>
public sealed class OutboundBackPressureTests
{
    private const int Flood = 50_000;

    [Fact]
    public async Task PeerFloodsRequestsAndNeverReads_OutboundQueueStaysBounded_AllAnsweredOnceItReads()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var ours = new Socket(SocketType.Stream, ProtocolType.Tcp) { SendBufferSize = 8192, ReceiveBufferSize = 8192 };
        await ours.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var peer = await listener.AcceptSocketAsync();
        peer.SendBufferSize = 8192;
        peer.ReceiveBufferSize = 8192;
        var handler = new AnsweringHandler();
        await using var connection = new SmppConnection(new NetworkStream(ours, ownsSocket: false), "flooded", handler, NullLogger.Instance, TimeProvider.System);
        connection.Start();

        var requests = new byte[Flood * 16];
        for (var i = 0; i < Flood; i++)
        {
            PduCodec.Encode(new EnquireLink { SequenceNumber = (uint)i + 1 }).CopyTo(requests, i * 16);
        }

        var send = peer.SendAsync(requests, SocketFlags.None);

        // The reader stalls once the queue is full: wait until the count of handled requests stops moving.
        var handled = -1;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (handled != handler.Handled && DateTime.UtcNow < deadline)
        {
            handled = handler.Handled;
            await Task.Delay(1000);
        }

        Assert.True(handler.Handled < Flood, $"all {Flood} requests were taken though the peer read nothing: no back-pressure");
        Assert.False(send.IsCompleted, "the peer could write its whole flood while reading nothing");
        Assert.InRange(handler.MaxQueued, 1, SmppConnection.MaxQueuedOutbound);
        Assert.InRange(connection.QueuedOutbound, 0, SmppConnection.MaxQueuedOutbound);

        // The peer reads again: every request gets its answer, in order.
        var answers = await ReadResponsesAsync(peer, Flood);
        Assert.Equal(Flood * 16, await send.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(Flood, answers);
        Assert.InRange(handler.MaxQueued, 1, SmppConnection.MaxQueuedOutbound);
    }

    private static async Task<int> ReadResponsesAsync(Socket peer, int expected)
    {
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (bytes < expected * 16L)
        {
            var read = await peer.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (read == 0) break;
            for (var i = 0; i < read; i++)
            {
                // Every response is 16 octets: check the command_id's first octet (0x80 of enquire_link_resp).
                if ((bytes + i) % 16 == 4) Assert.Equal(0x80, buffer[i]);
            }

            bytes += read;
        }

        return (int)(bytes / 16);
    }

    private sealed class AnsweringHandler : IPduHandler
    {
        private int _handled;
        private int _maxQueued;

        public int Handled => Volatile.Read(ref _handled);

        public int MaxQueued => Volatile.Read(ref _maxQueued);

        public void OnPdu(SmppConnection connection, Pdu pdu)
        {
            connection.TrySend(new EnquireLinkResp { SequenceNumber = pdu.SequenceNumber });
            Interlocked.Increment(ref _handled);
            var queued = connection.QueuedOutbound;
            if (queued > _maxQueued) Volatile.Write(ref _maxQueued, queued);
        }
    }
}
