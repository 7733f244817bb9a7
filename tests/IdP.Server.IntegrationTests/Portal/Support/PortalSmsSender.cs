using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using IdP.Authentication.Sms;

namespace IdP.Server.IntegrationTests.Portal.Support;

/// <summary>
/// The SMS channel of the portal tests: keeps every message it was given and reads codes from the origin-bound last
/// line (<c>@host #code</c>). With <see cref="Forward"/> set (the node's real SMPP session), every message also goes
/// out there and its real outcome is returned; without it, every message counts as accepted.
/// </summary>
public sealed partial class PortalSmsSender : ISmsSender
{
    private int _ids;

    public ConcurrentQueue<SmsSendRequest> Sent { get; } = new();

    /// <summary>The real channel behind this one (null: none).</summary>
    public ISmsSender? Forward { get; set; }

    public SmsGatewayStatus Status => Forward?.Status ?? new("BoundTransceiver", true, null, "test");

    public Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken ct)
    {
        Sent.Enqueue(request);
        return Forward?.SendAsync(request, ct)
            ?? Task.FromResult(new SmsSendResult(SmsSendOutcome.Accepted, [$"p{Interlocked.Increment(ref _ids)}"], 1, null, "node-test"));
    }

    public IReadOnlyList<SmsSendRequest> To(string e164) => [.. Sent.Where(m => m.Destination == e164)];

    /// <summary>The code in the latest message to <paramref name="e164"/>.</summary>
    public string LastCodeTo(string e164)
    {
        var last = To(e164).LastOrDefault(m => OriginLine().IsMatch(m.Text))
            ?? throw new InvalidOperationException($"No code was sent to {e164}.");
        return OriginLine().Match(last.Text).Groups[1].Value;
    }

    [GeneratedRegex(@"#(\d+)$")]
    private static partial Regex OriginLine();
}
