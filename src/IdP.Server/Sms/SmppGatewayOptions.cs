namespace IdP.Server.Sms;

/// <summary>
/// How this node runs its SMPP session (section <c>IdP:Sms</c>, e.g. <c>IdP__Sms__NodeName</c>). What the session
/// binds to (host, port, system_id, password, sender, TON/NPI…) is not here: it is the <c>smpp</c> script's
/// properties in the database, changed with <c>acr set-property smpp KEY VALUE</c> and seen by every node.
/// </summary>
public sealed class SmppGatewayOptions
{
    public const string SectionName = "IdP:Sms";

    /// <summary>This node's name in the node table (admin console, SMS records). Default: machine name and process id.</summary>
    public string? NodeName { get; set; }

    /// <summary>How often the node re-reads the <c>smpp</c> script's settings (enabled, connection properties).</summary>
    public TimeSpan SettingsPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the node writes its session state to the node table even when nothing changed.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a send waits for a bind when it arrives while the session (re)connects.</summary>
    public TimeSpan BindWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for connect, TLS and bind_resp.</summary>
    public TimeSpan BindTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time allowed for a submit_sm_resp; after two timeouts the outcome of a send is unknown.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Idle time after which an enquire_link keeps the bind alive.</summary>
    public TimeSpan EnquireLinkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay after a lost or failed bind (doubled, with jitter).</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a bind must last for the reconnect back-off to start again at <see cref="ReconnectMinDelay"/>; an
    /// SMSC that accepts binds and drops them sooner sees the delays keep growing (no reconnect storm).
    /// </summary>
    public TimeSpan StableBindDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after the SMSC rejected system_id or password (providers lock accounts after repeated failures).</summary>
    public TimeSpan CredentialErrorDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Submits in flight on the session.</summary>
    public int WindowSize { get; set; } = 10;

    /// <summary>Client-side limit of submit_sm per second (0 = none; set it to what the provider allows).</summary>
    public double MaxTps { get; set; }

    /// <summary>How long a delivery receipt whose message is not recorded yet is kept and retried (the receipt can beat the record).</summary>
    public TimeSpan ReceiptRetryWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Receipts waiting to be applied to the SMS records, and receipts waiting for a retry, each at most this many.
    /// When the queue is full the session stops taking deliver_sm (they wait in the SMPP client's queue of the same
    /// size, then are answered ESME_RX_T_APPN for the SMSC to redeliver later); past the retry limit a receipt that
    /// matches no record yet is given up.
    /// </summary>
    public int ReceiptQueueCapacity { get; set; } = 1000;

    /// <summary>The configured name, or machine name and process id.</summary>
    public string ResolveNodeName() =>
        string.IsNullOrWhiteSpace(NodeName) ? $"{Environment.MachineName}/{Environment.ProcessId}" : NodeName.Trim();
}
