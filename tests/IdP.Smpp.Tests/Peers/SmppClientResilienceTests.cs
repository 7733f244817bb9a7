using System.Globalization;
using Xunit.Abstractions;

namespace IdP.Smpp.Tests.Peers;

/// <summary>Throttling and connection loss injected by the node-smpp SMSC.</summary>
public sealed class SmppClientResilienceTests(ITestOutputHelper output)
{
    private static string Text(int i) => "Message " + i.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>
    /// With responses 30 ms late the next queued submit is always already waiting for the window
    /// when the throttle response arrives (the case that once let it overtake, FINDINGS.md #1);
    /// with 0 ms it depends on the machine's load.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    public async Task SubmitAsync_EveryThirdThrottledWindowOne_AllArriveOnceInOrder(int responseDelayMs)
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { ThrottleEvery = 3, DelayMs = responseDelayMs });
        var options = PeerSession.Options(smsc, o =>
        {
            o.WindowSize = 1;
            o.ThrottlePause = TimeSpan.FromMilliseconds(50);
        });
        await using var client = await PeerSession.StartBoundAsync(options, output, smsc);
        const int count = 15;

        // All submits are queued at once, in order; the client must keep that order through throttling.
        var tasks = Enumerable.Range(0, count)
            .Select(i => client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = Text(i), RequestDeliveryReceipt = false }, PeerSession.TimeoutToken()))
            .ToList();
        var results = await Task.WhenAll(tasks);

        var accepted = await smsc.WaitForAcceptedSubmitsAsync(count, PeerSession.Timeout);
        var order = string.Join(", ", smsc.Events.Where(e => e.Event == "submit").Select(e => $"{e.Str("text")}{(e.Int("status") == 0x58 ? " (throttled)" : string.Empty)}"));
        Assert.True(
            Enumerable.Range(0, count).Select(Text).SequenceEqual(accepted.Select(e => e.Str("text"))),
            $"With WindowSize 1 a throttled submit must be retried before the next message is sent. Order the SMSC saw: {order}");
        Assert.Equal(accepted.Select(e => e.Str("message_id")), results.Select(r => r.MessageIds[0]));
        var throttled = smsc.Events.Count(e => e.Event == "submit" && e.Int("status") == 0x58);
        Assert.True(throttled >= count / 3, $"expected the SMSC to throttle at least {count / 3} submits, saw {throttled}");
        Assert.Equal(throttled, client.Counters.Throttled);
    }

    [Fact]
    public async Task SubmitAsync_EveryThirdThrottledWindowTen_AllArriveExactlyOnce()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { ThrottleEvery = 3 });
        var options = PeerSession.Options(smsc, o =>
        {
            o.WindowSize = 10;
            o.ThrottlePause = TimeSpan.FromMilliseconds(50);
        });
        await using var client = await PeerSession.StartBoundAsync(options, output, smsc);
        const int count = 40;

        var tasks = Enumerable.Range(0, count)
            .Select(i => client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = Text(i), RequestDeliveryReceipt = false }, PeerSession.TimeoutToken()))
            .ToList();
        var results = await Task.WhenAll(tasks);

        var accepted = await smsc.WaitForAcceptedSubmitsAsync(count, PeerSession.Timeout);
        Assert.Equal(count, accepted.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(Text).Order(), accepted.Select(e => e.Str("text")).Order());
        for (var i = 0; i < count; i++)
        {
            var submit = Assert.Single(accepted, e => e.Str("text") == Text(i));
            Assert.Equal(submit.Str("message_id"), results[i].MessageIds[0]);
        }

        Assert.True(client.Counters.Throttled >= count / 3, $"Counters.Throttled = {client.Counters.Throttled}");
    }

    /// <summary>
    /// The SMSC destroys the TCP connection when its 5th submit_sm arrives, with more submits in
    /// flight. Documented rule: the client reconnects; a submit whose outcome is unknown is retried
    /// at most once (so it may arrive twice) or reported with SmppOutcomeUnknownException; every
    /// other message arrives exactly once; nothing is lost.
    /// </summary>
    [Theory]
    [InlineData(5, 20, 1)]
    [InlineData(3, 0, 3)]
    [InlineData(8, 5, 2)]
    public async Task SubmitAsync_SmscDropsConnectionMidWindow_ReconnectsNothingLostAtMostOneRetry(int dropAfter, int delayMs, int dropTimes)
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { DropAfter = dropAfter, DelayMs = delayMs, DropTimes = dropTimes });
        var options = PeerSession.Options(smsc, o =>
        {
            o.WindowSize = 10;
            o.ResponseTimeout = TimeSpan.FromSeconds(5);
        });
        await using var client = await PeerSession.StartBoundAsync(options, output, smsc);
        const int count = 30;

        var tasks = Enumerable.Range(0, count)
            .Select(i => client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = Text(i), RequestDeliveryReceipt = false }, PeerSession.TimeoutToken()))
            .ToList();
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (SmppOutcomeUnknownException)
        {
            // Allowed for the messages in flight at the drop; checked one by one below.
        }

        await smsc.WaitForEventsAsync(e => e.Event == "drop", dropTimes, PeerSession.Timeout);
        // The client rebinds after every drop, also after the last one when nothing is left to send.
        await smsc.WaitForEventsAsync(e => e.Event == "bind" && e.Int("result") == 0, dropTimes + 1, PeerSession.Timeout);
        await client.WaitUntilBoundAsync(PeerSession.TimeoutToken());
        Assert.True(client.Counters.Reconnects >= dropTimes, $"Counters.Reconnects = {client.Counters.Reconnects}");

        // In doubt = the client cannot know whether the SMSC took it: the submit reached the SMSC
        // but no submit_sm_resp was written back (dropped unanswered, or answer lost in the drop).
        // Every submit the client saw answered was reported by the script (stdout may trail the TCP answer).
        var answered = tasks.Count(t => t.IsCompletedSuccessfully);
        await smsc.WaitForEventsAsync(e => e.Event == "responded", answered, PeerSession.Timeout);
        var responded = smsc.Events.Where(e => e.Event == "responded").Select(e => e.Str("message_id")).ToHashSet();
        var inDoubt = smsc.Events
            .Where(e => e.Event == "submit" && (e.Int("status") != 0 || !responded.Contains(e.Str("message_id"))))
            .Select(e => e.Str("text"))
            .ToHashSet();
        var accepted = await smsc.WaitForAcceptedSubmitsAsync(answered, PeerSession.Timeout);
        var unknownOutcomes = 0;
        for (var i = 0; i < count; i++)
        {
            var copies = accepted.Where(e => e.Str("text") == Text(i)).ToList();
            var task = tasks[i];
            Assert.True(task.IsCompleted);
            if (task.IsFaulted)
            {
                var error = Assert.IsType<SmppOutcomeUnknownException>(task.Exception!.InnerException);
                Assert.True(copies.Count <= 2, $"{Text(i)}: outcome unknown but accepted {copies.Count} times ({error.Message})");
                unknownOutcomes++;
                continue;
            }

            Assert.True(task.IsCompletedSuccessfully, $"{Text(i)}: {task.Status}");
            var submitted = await task;
            Assert.True(copies.Count >= 1, $"{Text(i)} was reported sent but the SMSC never accepted it. {smsc.Diagnostics(60)}");
            Assert.Contains(submitted.MessageIds[0], copies.Select(c => c.Str("message_id")));
            if (inDoubt.Contains(Text(i)))
            {
                Assert.True(copies.Count <= 2, $"{Text(i)} was in doubt at the drop and accepted {copies.Count} times: more than one retry");
            }
            else
            {
                Assert.True(copies.Count == 1, $"{Text(i)} accepted {copies.Count} times though its submit_sm_resp was delivered. {smsc.Diagnostics(80)}");
            }
        }

        output.WriteLine($"unknown outcomes: {unknownOutcomes}, accepted submits: {accepted.Count}, duplicates: {accepted.Count - accepted.Select(e => e.Str("text")).Distinct().Count()}");
        // A submit ends "unknown" only when its original and its one retry were both lost to drops: each drop
        // after the first can end at most a window's worth of retries that way.
        var bound = options.WindowSize * Math.Max(1, dropTimes - 1);
        Assert.True(unknownOutcomes <= bound, $"{unknownOutcomes} unknown outcomes, more than {bound} ({dropTimes} drops, window {options.WindowSize})");
    }

    [Fact]
    public async Task SubmitAsync_ResponseNeverInTime_RetriedOnceThenOutcomeUnknown()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { DelayMs = 4000 });
        var options = PeerSession.Options(smsc, o =>
        {
            o.ResponseTimeout = TimeSpan.FromSeconds(1);
            o.MaxConsecutiveTimeouts = 10;
        });
        await using var client = await PeerSession.StartBoundAsync(options, output, smsc);

        var error = await Assert.ThrowsAsync<SmppOutcomeUnknownException>(() =>
            client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = "Code 999", RequestDeliveryReceipt = false }, PeerSession.TimeoutToken()));

        var copies = await smsc.WaitForEventsAsync(e => e.Event == "submit" && e.Str("text") == "Code 999", 2, PeerSession.Timeout);
        Assert.Equal(2, copies.Count); // the original and exactly one retry
        Assert.Equal(2, client.Counters.Timeouts);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task SubmitAsync_MaxTps_SpreadsSubmitsOverTime()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions());
        var options = PeerSession.Options(smsc, o => o.MaxTps = 10);
        await using var client = await PeerSession.StartBoundAsync(options, output, smsc);
        const int count = 30;

        var started = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = Text(i), RequestDeliveryReceipt = false }, PeerSession.TimeoutToken())));
        var elapsed = started.Elapsed;

        // A token bucket at 10/s with a burst of at most 10 needs at least (30 - 10) / 10 = 2 s;
        // unlimited takes ~50 ms. The bound leaves room for the overshoot seen under CPU load
        // (FINDINGS.md #2: 1.6 s measured on a loaded 2-core machine).
        Assert.True(elapsed >= TimeSpan.FromSeconds(1.5), $"30 submits at MaxTps 10 took only {elapsed}");
        Assert.Equal(count, (await smsc.WaitForAcceptedSubmitsAsync(count, PeerSession.Timeout)).Count);
    }

    [Fact]
    public async Task SubmitAsync_SmscDelaysResponses_WindowLimitsOutstandingSubmits()
    {
        await using var smsc = await NodeSmscProcess.StartAsync(new NodeSmscOptions { DelayMs = 150 });
        var options = PeerSession.Options(smsc, o => o.WindowSize = 3);
        await using var client = await PeerSession.StartBoundAsync(options, output, smsc);
        var maxInUse = 0L;

        var tasks = Enumerable.Range(0, 9)
            .Select(i => client.SubmitAsync(new SmsMessage { Destination = "+4915112345678", Text = Text(i), RequestDeliveryReceipt = false }, PeerSession.TimeoutToken()))
            .ToList();
        while (!tasks.All(t => t.IsCompleted))
        {
            maxInUse = Math.Max(maxInUse, client.Counters.WindowInUse);
            await Task.Delay(10);
        }

        await Task.WhenAll(tasks);
        Assert.InRange(maxInUse, 1, 3);
        Assert.Equal(9, (await smsc.WaitForAcceptedSubmitsAsync(9, PeerSession.Timeout)).Count);
    }
}
