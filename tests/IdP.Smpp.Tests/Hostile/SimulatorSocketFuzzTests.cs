using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using IdP.Smpp.Simulator;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Hostile;

public sealed class SimulatorSocketFuzzTests
{
    [Fact]
    public async Task Simulator_HostileStreams_StaysUpClosesCleanlyAndStillBinds()
    {
        var logger = new CapturingLogger<SmscSimulator>();
        await using var smsc = await Smsc.StartAsync(o => o.UnboundTimeout = TimeSpan.FromSeconds(2), logger);
        var random = new Random(9001);
        var stopwatch = Stopwatch.StartNew();
        int streams = 0;

        // Several clients at once, each sending one hostile stream then half-closing.
        while (streams < 2000 && stopwatch.Elapsed < TimeSpan.FromSeconds(15))
        {
            var batch = Enumerable.Range(0, 16).Select(_ => HostileBytes.Next(random)).ToArray();
            await Task.WhenAll(batch.Select(bytes => SendAndAwaitCloseAsync(smsc.Port, bytes)));
            streams += batch.Length;
        }

        Assert.True(streams >= 500, $"only {streams} streams in the time budget");
        Assert.True(await Smsc.EventuallyAsync(() => smsc.ActiveSessions == 0), $"{smsc.ActiveSessions} sessions still open");
        Assert.DoesNotContain(logger.Entries, e => e.EventId.Id == 1403); // no handler crashed
        var probe = await SmppClient.ProbeAsync(Smsc.ClientOptions(smsc), CancellationToken.None);
        Assert.True(probe.Success, probe.Message);
    }

    [Fact]
    public async Task Simulator_HttpRequestOnSmppPort_ClosesAndLogsDiagnostic()
    {
        var logger = new CapturingLogger<SmscSimulator>();
        await using var smsc = await Smsc.StartAsync(logger: logger);

        bool closed = await SendAndAwaitCloseAsync(smsc.Port, Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"), halfClose: false);

        Assert.True(closed, "the simulator did not close the connection");
        var diagnostic = Assert.Single(logger.Entries, e => e.EventId.Id == 1002);
        Assert.Contains("HTTP", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("SMPP port", diagnostic.Message, StringComparison.Ordinal);
        Assert.True((await SmppClient.ProbeAsync(Smsc.ClientOptions(smsc), CancellationToken.None)).Success);
    }

    [Fact]
    public async Task Simulator_UnboundIdleConnection_IsClosedAfterTimeout()
    {
        await using var smsc = await Smsc.StartAsync(o => o.UnboundTimeout = TimeSpan.FromMilliseconds(300));

        bool closed = await SendAndAwaitCloseAsync(smsc.Port, [], halfClose: false);

        Assert.True(closed);
    }

    [Fact]
    public async Task Simulator_SubmitBeforeBindAndUnknownCommand_AnswersLikeNodeSmsc()
    {
        await using var smsc = await Smsc.StartAsync();
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", smsc.Port);
        byte[] submit = Hex.Bytes(IdP.Smpp.Tests.Pdus.CapturedVectorTests.NodeSubmitSm);
        submit[15] = 2;

        await socket.SendAsync(Hex.Bytes("00000010 00000015 00000000 00000001"));
        await socket.SendAsync(submit);
        await socket.SendAsync(Hex.Bytes("00000010 0000abcd 00000000 00000003"));
        byte[] replies = await ReceiveAsync(socket, 48);

        Assert.Equal("00000010800000150000000000000001" + "00000010800000040000000400000002" + "00000010800000000000000300000003", Hex.Of(replies));
    }

    private static async Task<byte[]> ReceiveAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        int read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (read < count)
        {
            int n = await socket.ReceiveAsync(buffer.AsMemory(read), timeout.Token);
            if (n == 0) break;
            read += n;
        }
        return buffer[..read];
    }

    /// <summary>Sends the bytes, optionally half-closes, and reports whether the server closed within 5 s.</summary>
    private static async Task<bool> SendAndAwaitCloseAsync(int port, byte[] bytes, bool halfClose = true)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", port);
        try
        {
            if (bytes.Length > 0) await socket.SendAsync(bytes);
            if (halfClose) socket.Shutdown(SocketShutdown.Send);
            var buffer = new byte[4096];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            while (await socket.ReceiveAsync(buffer, timeout.Token) > 0)
            {
                // Drain replies (generic_nack etc.) until the server closes.
            }
            return true;
        }
        catch (SocketException)
        {
            return true; // reset by the server: closed as well
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
