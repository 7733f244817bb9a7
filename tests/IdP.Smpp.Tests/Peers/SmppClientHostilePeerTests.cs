using System.Globalization;
using IdP.Smpp.Pdus;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Peers;

/// <summary>
/// An SMSC that misbehaves on purpose (tests/peers/smsc.js, the npm smpp package): it accepts binds and drops them at
/// once, floods receipts faster than we handle them, or is reached without TLS over an address that is not private.
/// </summary>
public sealed class SmppClientHostilePeerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// Attack: a server that answers every bind with success and closes the connection 50 ms later. If each successful bind
    /// reset the back-off, the client would reconnect every 50–100 ms here (about 80 binds in 8 s); since binds shorter
    /// than StableBindDuration count like failures, the delays double up to the maximum (1.6 s here): at most 14 binds
    /// can fit in 8 s even at the shortest jitter, and from the fifth reconnect on each gap is at least 0.8 s.
    /// </summary>
    [Fact]
    public async Task Reconnect_SmscDropsEveryBindAtOnce_DelaysGrowInsteadOfAStorm()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { DropAfterBindMs = 50 });
        var options = PeerSession.Options(smsc, o =>
        {
            o.ReconnectMinDelay = TimeSpan.FromMilliseconds(100);
            o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(1600);
        });
        Assert.Equal(TimeSpan.FromSeconds(30), options.StableBindDuration);
        await using var client = new SmppClient(options, new CapturingLogger<SmppClient>());

        await client.StartAsync(CancellationToken.None);
        var binds = await smsc.WaitForEventsAsync(e => e.Event == "bind" && e.Int("result") == 0, 8, PeerSession.Timeout);

        var times = binds.Select(b => b.Long("t")).ToList();
        var inFirstEightSeconds = times.Count(t => t - times[0] < 8000);
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        var story = string.Join(", ", gaps.Select(g => g.ToString(CultureInfo.InvariantCulture) + " ms"));
        Assert.True(inFirstEightSeconds <= 15, $"{inFirstEightSeconds} binds within 8 s of the first: a reconnect storm. Gaps: {story}");
        Assert.All(gaps.Skip(4).Take(3), g => Assert.True(g >= 790, $"a gap after the fifth bind is {g} ms, below the grown back-off (0.8 s). Gaps: {story}"));
        Assert.True(client.Counters.Reconnects >= 7, $"Counters.Reconnects = {client.Counters.Reconnects}");
    }

    /// <summary>
    /// Attack: an SMSC floods deliver_sm faster than the receipt consumer takes them (here a consumer that does not
    /// return at all until released). Queue, held receipts and de-duplication memory are bounded; the excess is
    /// answered ESME_RX_T_APPN (0x64, SMPP 3.4 §5.1.3: the ESME's temporary error, redelivered later), each burst is
    /// logged once (not each refusal), and every deliver_sm that was accepted reaches the consumer once it is released.
    /// </summary>
    [Fact]
    public async Task DeliverSmFlood_SlowConsumer_QueueBoundedExcessRefusedWithRxTAppn()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions());
        var options = PeerSession.Options(smsc, o =>
        {
            o.DeliveryQueueCapacity = 20;
            o.ReceiptHoldCapacity = 10;
            o.ReceiptHoldTime = TimeSpan.FromSeconds(1);
        });
        var logger = new CapturingLogger<SmppClient>();
        await using var client = new SmppClient(options, logger);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = 0;
        var maxQueued = 0;
        client.DeliveryReceiptHandler = async (_, ct) =>
        {
            maxQueued = Math.Max(maxQueued, client.QueuedDeliveries);
            await gate.Task.WaitAsync(ct);
            Interlocked.Increment(ref handled);
        };
        await client.StartAsync(CancellationToken.None);
        await client.WaitUntilBoundAsync(PeerSession.TimeoutToken());
        const int flood = 500;

        NodeSmscEvent done;
        try
        {
            await smsc.SendCommandAsync(new { cmd = "flood", count = flood });
            done = await smsc.WaitForEventAsync(e => e.Event == "flood_done", PeerSession.Timeout);
        }
        catch
        {
            gate.TrySetResult();
            throw;
        }

        var queuedAtTheEnd = client.QueuedDeliveries;
        var refusedCounted = client.Counters.DeliveriesRefused;
        gate.SetResult();
        output.WriteLine(done.Line);
        var statuses = done.Json.GetProperty("statuses");
        int Count(CommandStatus status) => statuses.TryGetProperty(((int)status).ToString(CultureInfo.InvariantCulture), out var n) ? n.GetInt32() : 0;
        var accepted = Count(CommandStatus.Ok);
        var refused = Count(CommandStatus.ReceiverTemporaryAppError);
        Assert.True(accepted + refused == flood, $"every deliver_sm is answered ok or ESME_RX_T_APPN: {done.Line}");
        // Queue (20) + held (10) + the one the loop waits on + one batch of the hold timer (10) = 41 at most.
        Assert.InRange(accepted, 1, 41);
        Assert.Equal(refused, refusedCounted);
        Assert.InRange(queuedAtTheEnd, 0, 20);
        Assert.InRange(maxQueued, 0, 20);
        await Smsc.EventuallyAsync(() => Volatile.Read(ref handled) == accepted, TimeSpan.FromSeconds(30));
        Assert.Equal(accepted, Volatile.Read(ref handled));

        // Logged once per burst: "full" (1304) and "drained" (1305) alternate, and the refusals of all bursts add up.
        var bursts = logger.Entries.Where(e => e.EventId.Id is 1304 or 1305).ToList();
        Assert.InRange(bursts.Count(e => e.EventId.Id == 1304), 1, 5);
        Assert.All(bursts.Select((e, i) => (e, i)), x => Assert.Equal(x.i % 2 == 0 ? 1304 : 1305, x.e.EventId.Id));
        Assert.Equal(1305, bursts[^1].EventId.Id);
        var refusedPerBurst = bursts.Where(e => e.EventId.Id == 1305)
            .Sum(e => long.Parse(System.Text.RegularExpressions.Regex.Match(e.Message, @"\((\d+) refused").Groups[1].Value, CultureInfo.InvariantCulture));
        Assert.Equal(refused, refusedPerBurst);
    }

    /// <summary>
    /// Requirement: use_tls=false towards an address that is not private logs a Warning at every bind, naming host:port
    /// and what to do. The only SMSC a test can reach is on loopback, so the test replaces the address classification
    /// (a test-only internal hook) to call loopback public; SmppNetworkTests covers the real one over addresses. With
    /// the real classification the same loopback bind logs no such warning.
    /// </summary>
    [Fact]
    public async Task Bind_WithoutTlsToAPublicAddress_WarnsAtEveryBind_NotForAPrivateOne()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions());
        var publicLogger = new CapturingLogger<SmppClient>();
        var privateLogger = new CapturingLogger<SmppClient>();
        var asPublic = PeerSession.Options(smsc, o => o.IsPrivateAddress = _ => false);
        await using (var client = new SmppClient(asPublic, publicLogger))
        {
            await client.StartAsync(CancellationToken.None);
            await client.WaitUntilBoundAsync(PeerSession.TimeoutToken());
            await smsc.SendCommandAsync(new { cmd = "drop" });
            await smsc.WaitForEventsAsync(e => e.Event == "bind" && e.Int("result") == 0, 2, PeerSession.Timeout);
            await client.WaitUntilBoundAsync(PeerSession.TimeoutToken());
        }

        await using (var client = new SmppClient(PeerSession.Options(smsc), privateLogger))
        {
            await client.StartAsync(CancellationToken.None);
            await client.WaitUntilBoundAsync(PeerSession.TimeoutToken());
        }

        var warnings = publicLogger.Entries.Where(e => e.EventId.Id == 1109).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w =>
        {
            Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, w.Level);
            Assert.Contains($"127.0.0.1:{smsc.Port}", w.Message, StringComparison.Ordinal);
            Assert.Contains("Enable TLS", w.Message, StringComparison.Ordinal);
            Assert.Contains("private network or VPN", w.Message, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(privateLogger.Entries, e => e.EventId.Id == 1109);
        Assert.DoesNotContain(privateLogger.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("TLS", StringComparison.Ordinal));
    }
}
