using IdP.Smpp.Pdus;
using Microsoft.Extensions.Logging;

namespace IdP.Smpp.Logging;

/// <summary>
/// Source-generated log messages. EventIds: 1000s transport, 1100s bind/session, 1200s submit, 1300s receipts,
/// 1400s protocol, 1500s simulator. Never pass message text, passwords or unmasked phone numbers.
/// </summary>
internal static partial class SmppLog
{
    [LoggerMessage(1000, LogLevel.Information, "SMPP {Name}: connected to {Host}:{Port} (TLS {Tls})")]
    public static partial void Connected(ILogger logger, string name, string host, int port, bool tls);

    [LoggerMessage(1001, LogLevel.Information, "SMPP {Name}: connection closed: {Reason}")]
    public static partial void ConnectionClosed(ILogger logger, string name, string reason);

    [LoggerMessage(1002, LogLevel.Error, "SMPP {Name}: {Diagnostic}")]
    public static partial void FramingError(ILogger logger, string name, string diagnostic);

    [LoggerMessage(1003, LogLevel.Debug, "SMPP {Name} {Direction} {Pdu}: {Hex}")]
    public static partial void PduDump(ILogger logger, string name, string direction, string pdu, string hex);

    [LoggerMessage(1004, LogLevel.Warning, "SMPP connection lost after {BoundFor} bound: {Reason}. Reconnecting in {Delay}.")]
    public static partial void ConnectionLost(ILogger logger, string reason, TimeSpan boundFor, TimeSpan delay);

    [LoggerMessage(1005, LogLevel.Warning, "SMPP {Name}: I/O error, closing: {Reason}")]
    public static partial void IoError(ILogger logger, string name, string reason);

    [LoggerMessage(1100, LogLevel.Information, "SMPP {Name}: bound as {Mode} to SMSC {SmscSystemId}")]
    public static partial void Bound(ILogger logger, string name, CommandId mode, string smscSystemId);

    [LoggerMessage(1101, LogLevel.Error, "SMPP bind rejected with credential error {Status}. Check Smpp:SystemId, Smpp:Password and Smpp:SystemType with your provider, and whether the account is locked or bound from elsewhere. Next attempt in {Delay}.")]
    public static partial void BindCredentialsRejected(ILogger logger, string status, TimeSpan delay);

    [LoggerMessage(1102, LogLevel.Warning, "SMPP bind failed: {Reason}. Next attempt in {Delay}.")]
    public static partial void BindFailed(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(1103, LogLevel.Information, "SMPP state {Previous} -> {Current} ({Reason})")]
    public static partial void StateChanged(ILogger logger, SmppSessionState previous, SmppSessionState current, string reason);

    [LoggerMessage(1104, LogLevel.Warning, "SMPP {Name}: configuration: {Warning}")]
    public static partial void ConfigurationWarning(ILogger logger, string name, string warning);

    [LoggerMessage(1105, LogLevel.Information, "SMPP {Name}: peer sent unbind; answered, reconnecting")]
    public static partial void PeerUnbind(ILogger logger, string name);

    [LoggerMessage(1106, LogLevel.Warning, "SMPP {Name}: enquire_link got no response within {Timeout}; dropping the connection")]
    public static partial void EnquireLinkTimeout(ILogger logger, string name, TimeSpan timeout);

    [LoggerMessage(1107, LogLevel.Warning, "SMPP {Name}: {Count} consecutive response timeouts; dropping the connection")]
    public static partial void TooManyTimeouts(ILogger logger, string name, int count);

    [LoggerMessage(1108, LogLevel.Information, "SMPP {Name}: unbound")]
    public static partial void Unbound(ILogger logger, string name);

    [LoggerMessage(1109, LogLevel.Warning, "SMPP {Name}: bound to {Host}:{Port} ({Address}) without TLS over a non-private address: the password and every message text cross the network in clear. Enable TLS (UseTls; use_tls of the smpp script) or reach the SMSC over a private network or VPN.")]
    public static partial void CleartextToPublicAddress(ILogger logger, string name, string host, int port, string address);

    [LoggerMessage(1200, LogLevel.Debug, "SMPP submit to {Destination}: segment {Segment}/{Total} accepted as {MessageId}")]
    public static partial void SubmitAccepted(ILogger logger, string destination, int segment, int total, string messageId);

    [LoggerMessage(1201, LogLevel.Warning, "SMPP submit to {Destination} throttled ({Status}); pausing all sending for {Pause}")]
    public static partial void SubmitThrottled(ILogger logger, string destination, string status, TimeSpan pause);

    [LoggerMessage(1202, LogLevel.Warning, "SMPP submit to {Destination} rejected: {Description}")]
    public static partial void SubmitRejected(ILogger logger, string destination, string description);

    [LoggerMessage(1203, LogLevel.Warning, "SMPP submit to {Destination}: no response within {Timeout}; outcome unknown, {Action}")]
    public static partial void SubmitTimedOut(ILogger logger, string destination, TimeSpan timeout, string action);

    [LoggerMessage(1204, LogLevel.Warning, "SMPP submit to {Destination}: connection lost ({Written}); retrying after rebind")]
    public static partial void SubmitConnectionLost(ILogger logger, string destination, string written);

    [LoggerMessage(1205, LogLevel.Warning, "SMPP submit to {Destination}: temporary error {Description}; retry {Attempt}")]
    public static partial void SubmitTemporaryError(ILogger logger, string destination, string description, int attempt);

    [LoggerMessage(1300, LogLevel.Debug, "SMPP receipt for {MessageId}: {State} (correlated {Correlated})")]
    public static partial void ReceiptRaised(ILogger logger, string messageId, Receipts.MessageState state, bool correlated);

    [LoggerMessage(1301, LogLevel.Debug, "SMPP receipt for {MessageId} held: no submit_sm_resp with that id yet")]
    public static partial void ReceiptHeld(ILogger logger, string messageId);

    [LoggerMessage(1302, LogLevel.Information, "SMPP {Name}: mobile-originated deliver_sm ignored (esm_class 0x{EsmClass:X2})")]
    public static partial void MobileOriginatedIgnored(ILogger logger, string name, byte esmClass);

    [LoggerMessage(1303, LogLevel.Error, "SMPP event handler {Event} threw")]
    public static partial void HandlerFailed(ILogger logger, string @event, Exception exception);

    [LoggerMessage(1304, LogLevel.Warning, "SMPP {Name}: {Capacity} deliver_sm/data_sm already wait for the receipt consumer; answering further ones with ESME_RX_T_APPN (the SMSC delivers them again later) until the queue drains to half. Logged once per burst.")]
    public static partial void DeliveryQueueFull(ILogger logger, string name, int capacity);

    [LoggerMessage(1305, LogLevel.Information, "SMPP {Name}: the receipt queue drained; accepting deliver_sm again ({Refused} refused with ESME_RX_T_APPN in the burst)")]
    public static partial void DeliveryQueueDrained(ILogger logger, string name, long refused);

    [LoggerMessage(1400, LogLevel.Warning, "SMPP {Name}: response {CommandId} seq {Sequence} matches no pending request (late or unknown); ignored")]
    public static partial void UnexpectedResponse(ILogger logger, string name, CommandId commandId, uint sequence);

    [LoggerMessage(1401, LogLevel.Warning, "SMPP {Name}: unsupported command 0x{CommandId:X8} seq {Sequence}; answered generic_nack ESME_RINVCMDID")]
    public static partial void UnknownCommand(ILogger logger, string name, uint commandId, uint sequence);

    [LoggerMessage(1402, LogLevel.Warning, "SMPP {Name}: malformed PDU: {Reason}; answered generic_nack")]
    public static partial void MalformedPdu(ILogger logger, string name, string reason);

    [LoggerMessage(1403, LogLevel.Error, "SMPP {Name}: unexpected error handling {Pdu}; closing the connection")]
    public static partial void HandlerError(ILogger logger, string name, string pdu, Exception exception);

    [LoggerMessage(1500, LogLevel.Information, "SMSC simulator listening on {Endpoint}")]
    public static partial void SimulatorListening(ILogger logger, string endpoint);

    [LoggerMessage(1501, LogLevel.Information, "SMSC simulator {Name}: bind {Mode} by {SystemId}: {Status}")]
    public static partial void SimulatorBind(ILogger logger, string name, CommandId mode, string systemId, string status);

    [LoggerMessage(1502, LogLevel.Debug, "SMSC simulator {Name}: submit to {Destination} -> {MessageId} ({Status})")]
    public static partial void SimulatorSubmit(ILogger logger, string name, string destination, string messageId, string status);

    [LoggerMessage(1503, LogLevel.Information, "SMSC simulator {Name}: dropping the connection (fault injection after {Count} submits)")]
    public static partial void SimulatorDrop(ILogger logger, string name, int count);

    [LoggerMessage(1504, LogLevel.Warning, "SMSC simulator: accept or TLS handshake failed: {Reason}")]
    public static partial void SimulatorAcceptFailed(ILogger logger, string reason);
}
