namespace IdP.Authentication.Sms;

/// <summary>
/// Sends one text message and reports what the SMSC said. The built-in implementation is the node's long-lived
/// SMPP session (configured by the <c>smpp</c> script's properties); tests and other channels can replace it.
/// Implementations never log the text or the full number.
/// </summary>
public interface ISmsSender
{
    /// <summary>Sends <paramref name="request"/>; never throws for SMSC-side problems (they are in the result).</summary>
    Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken ct);

    /// <summary>The state of this node's connection, in plain words (health checks, pages, admin console).</summary>
    SmsGatewayStatus Status { get; }
}

/// <param name="Destination">E.164 number.</param>
/// <param name="Text">The message (already rendered).</param>
public sealed record SmsSendRequest(string Destination, string Text)
{
    public bool RequestDeliveryReceipt { get; init; } = true;
}

public enum SmsSendOutcome
{
    /// <summary>The SMSC accepted every segment (message ids known).</summary>
    Accepted,

    /// <summary>The SMSC refused it (status in <see cref="SmsSendResult.Error"/>); sending again will not help.</summary>
    Rejected,

    /// <summary>Not sent: not configured, not bound, SMSC unreachable. Retrying later may work.</summary>
    Unavailable,

    /// <summary>The SMSC did not answer in time, twice: it may or may not deliver the message.</summary>
    Unknown,
}

/// <param name="Outcome">What happened.</param>
/// <param name="MessageIds">The SMSC's ids, one per accepted segment.</param>
/// <param name="Segments">Segments the text needed.</param>
/// <param name="Error">Plain words for people and operators (no number, no text).</param>
/// <param name="Node">The node whose session sent it.</param>
public sealed record SmsSendResult(SmsSendOutcome Outcome, IReadOnlyList<string> MessageIds, int Segments, string? Error, string? Node = null);

/// <param name="State">E.g. <c>BoundTransceiver</c>, <c>Connecting</c>, <c>NotConfigured</c>, <c>Disabled</c>.</param>
/// <param name="IsReady">True when a message can be handed to the SMSC now.</param>
/// <param name="Detail">Plain words: why not ready and what to do.</param>
/// <param name="Endpoint">host:port (no credentials).</param>
public sealed record SmsGatewayStatus(string State, bool IsReady, string? Detail, string? Endpoint);
