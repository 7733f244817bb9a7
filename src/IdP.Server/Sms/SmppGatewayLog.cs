namespace IdP.Server.Sms;

/// <summary>
/// The node's SMPP log lines (EventIds 5001–5099). The first words are the ones operators of Gluu's SMPP script
/// grep for (<c>SMPP Initialization</c>, <c>SMPP Initialized successfully</c>, <c>SMPP Initialization failed</c>).
/// Never a message text, a password or a full phone number.
/// </summary>
internal static partial class SmppGatewayLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "SMPP Initialization: node {Node} binds to {Endpoint} as '{SystemId}' (TLS {Tls}).")]
    public static partial void Initializing(ILogger logger, string node, string endpoint, string systemId, bool tls);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "SMPP Initialized successfully: bound to {Endpoint} as '{SystemId}' ({Reason}).")]
    public static partial void Initialized(ILogger logger, string endpoint, string systemId, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "SMPP Initialization failed: {Reason} It is retried in the background.")]
    public static partial void InitializationFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "SMPP Initialization skipped: {Problem}")]
    public static partial void NotConfigured(ILogger logger, string problem);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "SMPP not started: the smpp script is disabled; this node keeps no SMPP session. Enable it with `acr enable smpp` once its properties are set.")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "SMPP session to {Endpoint} stopped: {Reason}")]
    public static partial void Stopped(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "SMPP settings changed (connection properties of the smpp script): rebinding to {Endpoint}.")]
    public static partial void Rebinding(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "SMPP session to {Endpoint} lost: {Reason} Reconnecting in the background.")]
    public static partial void SessionLost(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "SMPP session re-established: bound to {Endpoint} ({Reason}).")]
    public static partial void Rebound(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "SMPP could not read the smpp script's settings; keeping the current session: {Reason}")]
    public static partial void SettingsUnreadable(ILogger logger, string reason);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "SMPP gateway loop failed; it goes on.")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "SMS to {Destination}: {Outcome}, {Segments} segment(s), message id(s) {MessageIds}.")]
    public static partial void Sent(ILogger logger, string destination, Authentication.Sms.SmsSendOutcome outcome, int segments, string messageIds);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "SMS to {Destination} not sent: {Outcome}: {Error}")]
    public static partial void NotSent(ILogger logger, string destination, Authentication.Sms.SmsSendOutcome outcome, string? error);

    [LoggerMessage(EventId = 5030, Level = LogLevel.Debug, Message = "SMPP receipt for {MessageId}: {Stat} applied to its SMS record.")]
    public static partial void ReceiptApplied(ILogger logger, string messageId, string stat);

    [LoggerMessage(EventId = 5031, Level = LogLevel.Debug, Message = "SMPP receipt for {MessageId} ({Stat}) matches no SMS record yet; retrying in {Delay}.")]
    public static partial void ReceiptDeferred(ILogger logger, string messageId, string stat, TimeSpan delay);

    [LoggerMessage(EventId = 5032, Level = LogLevel.Information, Message = "SMPP receipt for {MessageId} ({Stat}) matches no SMS record (sent by another tool on the same account, or older than a week); ignored.")]
    public static partial void ReceiptUnmatched(ILogger logger, string messageId, string stat);

    [LoggerMessage(EventId = 5033, Level = LogLevel.Warning, Message = "SMPP receipt for {MessageId} could not be stored; the session goes on.")]
    public static partial void ReceiptFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 5034, Level = LogLevel.Warning, Message = "SMPP receipts waiting for a retry reached IdP:Sms:ReceiptQueueCapacity ({Capacity}): the receipt for {MessageId} and further ones that match no SMS record yet are given up (their records keep their last state) until the retries drain. Logged once per burst.")]
    public static partial void ReceiptRetriesFull(ILogger logger, int capacity, string messageId);

    [LoggerMessage(EventId = 5035, Level = LogLevel.Information, Message = "SMPP receipt retries drained: {GivenUp} receipt(s) were given up in the burst.")]
    public static partial void ReceiptRetriesDrained(ILogger logger, long givenUp);

    [LoggerMessage(EventId = 5040, Level = LogLevel.Warning, Message = "SMPP node state of {Node} could not be written; retried at the next change or heartbeat.")]
    public static partial void NodeStateFailed(ILogger logger, string node, Exception exception);
}
