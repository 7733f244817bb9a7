using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using IdP.Authentication.Sms;

namespace IdP.Authentication.Tests.Sms;

/// <summary>
/// An SMS channel that keeps what it was given (the engine's side of the contract; the SMPP channel itself is
/// tested against the npm smpp SMSC in the server and SMPP test projects). <see cref="Outcome"/> scripts failures.
/// </summary>
public sealed partial class RecordingSmsSender : ISmsSender
{
    private int _ids;

    public ConcurrentQueue<SmsSendRequest> Sent { get; } = new();

    public SmsSendOutcome Outcome { get; set; } = SmsSendOutcome.Accepted;

    public SmsGatewayStatus Status => new("BoundTransceiver", Outcome == SmsSendOutcome.Accepted, null, "test");

    public Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken ct)
    {
        Sent.Enqueue(request);
        return Task.FromResult(Outcome == SmsSendOutcome.Accepted
            ? new SmsSendResult(SmsSendOutcome.Accepted, [$"m{Interlocked.Increment(ref _ids)}"], 1, null, "node-a")
            : new SmsSendResult(Outcome, [], 1, Outcome == SmsSendOutcome.Rejected ? "ESME_RINVDSTADR" : "Not bound", "node-a"));
    }

    /// <summary>The code in the last message, read from its origin-bound line (<c>@host #code</c>).</summary>
    public string LastCode()
    {
        var last = Sent.Last();
        var match = OriginLine().Match(last.Text);
        Assert.True(match.Success, $"no '@host #code' line in: {last.Text}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"#(\d+)$")]
    private static partial Regex OriginLine();
}
