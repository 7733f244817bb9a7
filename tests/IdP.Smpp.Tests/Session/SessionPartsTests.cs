using IdP.Smpp.Session;
using IdP.Smpp.Tests.TestSupport;

namespace IdP.Smpp.Tests.Session;

/// <summary>The small session collaborators, tested alone.</summary>
public sealed class SessionPartsTests
{
    [Fact]
    public void SequenceNumbers_AtMaximum_WrapToOne()
    {
        var generator = new SequenceNumberGenerator(0x7FFFFFFE);

        Assert.Equal(0x7FFFFFFFu, generator.Next());
        Assert.Equal(1u, generator.Next());
        Assert.Equal(2u, generator.Next());
    }

    [Fact]
    public void SequenceNumbers_Concurrent_AreUnique()
    {
        var generator = new SequenceNumberGenerator();
        var numbers = new System.Collections.Concurrent.ConcurrentBag<uint>();

        Parallel.For(0, 10_000, _ => numbers.Add(generator.Next()));

        Assert.Equal(10_000, numbers.Distinct().Count());
    }

    [Theory]
    [InlineData(SmppSessionState.Closed, SmppSessionState.Open, true)]
    [InlineData(SmppSessionState.Open, SmppSessionState.BoundTransceiver, true)]
    [InlineData(SmppSessionState.BoundTransceiver, SmppSessionState.Unbinding, true)]
    [InlineData(SmppSessionState.Unbinding, SmppSessionState.Closed, true)]
    [InlineData(SmppSessionState.Closed, SmppSessionState.BoundTransmitter, false)]
    [InlineData(SmppSessionState.Unbinding, SmppSessionState.BoundReceiver, false)]
    [InlineData(SmppSessionState.Open, SmppSessionState.Unbinding, false)]
    public void StateMachine_Transitions_FollowTheTable(SmppSessionState from, SmppSessionState to, bool allowed)
    {
        Assert.Equal(allowed, SessionStateMachine.CanTransition(from, to));
    }

    [Fact]
    public void StateMachine_InvalidMove_ThrowsAndRaisesNothing()
    {
        var changes = new List<(SmppSessionState, SmppSessionState)>();
        var machine = new SessionStateMachine((previous, current, _) => changes.Add((previous, current)));

        machine.MoveTo(SmppSessionState.Open, "connected");
        Assert.Throws<InvalidOperationException>(() => machine.MoveTo(SmppSessionState.Unbinding, "bug"));
        machine.Close("lost");

        Assert.Equal([(SmppSessionState.Closed, SmppSessionState.Open), (SmppSessionState.Open, SmppSessionState.Closed)], changes);
    }

    [Fact]
    public void Backoff_GrowsWithJitterAndCapsAtMaximum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));

        var delays = Enumerable.Range(0, 12).Select(_ => backoff.Next()).ToList();

        Assert.InRange(delays[0], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(delays[3], TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        Assert.All(delays, d => Assert.True(d <= TimeSpan.FromSeconds(60)));
        Assert.InRange(delays[^1], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        Assert.InRange(backoff.AfterSessionLost(TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// Attack: an SMSC (or something on its port) that accepts every bind and drops it at once. Were the back-off reset
    /// by each successful bind, the client would reconnect every 0.5–1 s forever; binds shorter than the stable
    /// duration count like failures.
    /// </summary>
    [Fact]
    public void Backoff_BindsDroppedAtOnce_KeepGrowing_ALongBindStartsAgainAtTheMinimum()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.AfterSessionLost(TimeSpan.FromMilliseconds(5))).ToList();

        Assert.InRange(delays[0], TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(delays[4], TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16));
        Assert.InRange(delays[7], TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        Assert.InRange(backoff.AfterSessionLost(TimeSpan.FromSeconds(29.9)), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        Assert.InRange(backoff.AfterSessionLost(TimeSpan.FromSeconds(30)), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(backoff.AfterSessionLost(TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Gate_TokenBucket_AdmitsOneSecondBurstThenWaitsForTime()
    {
        var time = new FakeTimeProvider();
        var gate = new SubmitGate(2, time);

        await gate.WaitAsync(CancellationToken.None);
        await gate.WaitAsync(CancellationToken.None);
        var third = gate.WaitAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(500));
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Gate_Paused_HoldsEveryoneUntilThePauseEnds()
    {
        var time = new FakeTimeProvider();
        var gate = new SubmitGate(0, time);

        gate.Pause(TimeSpan.FromSeconds(2));
        var waiting = gate.WaitAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        gate.Pause(TimeSpan.FromSeconds(1)); // never shortens a running pause

        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
