using IdP.Data.Entities;

namespace IdP.Server.Admin;

/// <summary>What the SMS delivery page shows.</summary>
/// <param name="Recent">The latest messages, newest first (destinations masked at rest).</param>
/// <param name="LastHour">Messages per state in the last hour.</param>
/// <param name="LastDay">Messages per state in the last 24 hours.</param>
/// <param name="Nodes">Each node's SMPP session as it last reported it.</param>
/// <param name="Breaker">The circuit breaker: null when closed, else its raw value ("&lt;until&gt; &lt;reason&gt;").</param>
public sealed record SmsDashboard(
    IReadOnlyList<SmsMessage> Recent,
    IReadOnlyDictionary<string, int> LastHour,
    IReadOnlyDictionary<string, int> LastDay,
    IReadOnlyList<SmppNodeState> Nodes,
    string? Breaker);
