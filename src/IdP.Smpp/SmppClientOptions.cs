using IdP.Smpp.Pdus;

namespace IdP.Smpp;

/// <summary>Settings of <see cref="SmppClient"/>. Call <see cref="Validate"/> at start-up (the client does).</summary>
public sealed class SmppClientOptions
{
    /// <summary>The configuration section conventionally bound to these options.</summary>
    public const string SectionName = "Smpp";

    /// <summary>SMSC host name or address.</summary>
    public string Host { get; set; } = "127.0.0.1";
    /// <summary>SMSC port (commonly 2775; TLS has no standard port).</summary>
    public int Port { get; set; } = 2775;
    /// <summary>Connect with TLS (SslStream, TLS 1.2 or 1.3).</summary>
    public bool UseTls { get; set; }
    /// <summary>SNI and certificate name; defaults to <see cref="Host"/>.</summary>
    public string? TlsTargetHost { get; set; }
    /// <summary>Accept any server certificate. Development and tests only.</summary>
    public bool TlsAllowUntrustedCertificate { get; set; }
    /// <summary>
    /// Optional pin: the server certificate's SHA-256 or SHA-1 thumbprint (hex, separators ignored). When set, a
    /// certificate is accepted if and only if its thumbprint matches (so a self-signed SMSC certificate can be pinned).
    /// </summary>
    public string? TlsPinnedCertificateThumbprint { get; set; }
    /// <summary>system_id.</summary>
    public string SystemId { get; set; } = string.Empty;
    /// <summary>password. Never logged. Longer than 8 characters is sent as-is, with a warning.</summary>
    public string Password { get; set; } = string.Empty;
    /// <summary>system_type.</summary>
    public string SystemType { get; set; } = string.Empty;
    /// <summary>Transceiver (default), separate transmitter and receiver, or transmitter only.</summary>
    public SmppBindMode BindMode { get; set; } = SmppBindMode.Transceiver;
    /// <summary>Default source address (sender id): E.164 digits or up to 11 GSM characters alphanumeric.</summary>
    public string SourceAddress { get; set; } = string.Empty;
    /// <summary>source_addr_ton; null = 1 (international) for digits, 5 (alphanumeric) otherwise.</summary>
    public byte? SourceTon { get; set; }
    /// <summary>source_addr_npi; null = 1 (E.164) for digits, 0 for alphanumeric.</summary>
    public byte? SourceNpi { get; set; }
    /// <summary>dest_addr_ton (1 = international).</summary>
    public byte DestinationTon { get; set; } = 1;
    /// <summary>dest_addr_npi (1 = E.164).</summary>
    public byte DestinationNpi { get; set; } = 1;
    /// <summary>service_type of submit_sm (usually empty).</summary>
    public string ServiceType { get; set; } = string.Empty;
    /// <summary>Text encoding policy.</summary>
    public SmppDataCodingPolicy DataCoding { get; set; } = SmppDataCodingPolicy.Auto;
    /// <summary>Pack GSM 7-bit text 8-into-7 (most SMSCs expect unpacked with data_coding 0).</summary>
    public bool Gsm7Packed { get; set; }
    /// <summary>Requests in flight per connection.</summary>
    public int WindowSize { get; set; } = 10;
    /// <summary>Time allowed for connect + TLS + bind_resp.</summary>
    public TimeSpan BindTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Time allowed for a submit_sm_resp (or other response).</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Idle time after which an enquire_link is sent.</summary>
    public TimeSpan EnquireLinkInterval { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Time allowed for an enquire_link_resp before the connection is considered dead.</summary>
    public TimeSpan EnquireLinkTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>How long <see cref="SmppClient.SubmitAsync"/> waits for a bind before failing with <see cref="SmppNotBoundException"/>.</summary>
    public TimeSpan BindWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Client-side limit of submit_sm per second (0 = unlimited).</summary>
    public double MaxTps { get; set; }
    /// <summary>Default validity period (relative); null = SMSC default.</summary>
    public TimeSpan? ValidityPeriod { get; set; }
    /// <summary>How long texts are sent.</summary>
    public SmppConcatenationMode ConcatenationMode { get; set; } = SmppConcatenationMode.Udh8;
    /// <summary>Hex/decimal formats of submit_sm_resp and receipt ids, for correlation.</summary>
    public SmppMessageIdFormat MessageIdFormat { get; set; } = SmppMessageIdFormat.Literal;
    /// <summary>First reconnect delay (then doubled, with jitter).</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Largest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>
    /// How long a bind must have lasted for the reconnect back-off to start again at <see cref="ReconnectMinDelay"/>.
    /// A shorter one (an SMSC that accepts the bind and drops the connection at once) keeps the delays growing, so
    /// such a server gets no reconnect storm.
    /// </summary>
    public TimeSpan StableBindDuration { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Delay after the SMSC rejected the credentials (providers lock accounts after repeated failures).</summary>
    public TimeSpan CredentialErrorDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>First pause after ESME_RTHROTTLED / ESME_RMSGQFUL (doubled while it repeats, up to 30 s).</summary>
    public TimeSpan ThrottlePause { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Consecutive response timeouts after which the connection is dropped and re-established.</summary>
    public int MaxConsecutiveTimeouts { get; set; } = 3;
    /// <summary>Ask for delivery receipts (registered_delivery 1) unless a message says otherwise.</summary>
    public bool RegisteredDelivery { get; set; } = true;
    /// <summary>priority_flag of submit_sm.</summary>
    public byte PriorityFlag { get; set; }
    /// <summary>How long a receipt that arrived before its submit_sm_resp is held for correlation.</summary>
    public TimeSpan ReceiptHoldTime { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Receipts held for correlation at most; past it the oldest is released uncorrelated.</summary>
    public int ReceiptHoldCapacity { get; set; } = 10_000;
    /// <summary>
    /// deliver_sm / data_sm received but not yet handled by the receipt consumer, at most. When the queue is full the
    /// client answers further ones with ESME_RX_T_APPN (a temporary error: the SMSC delivers them again later) instead
    /// of buffering without limit.
    /// </summary>
    public int DeliveryQueueCapacity { get; set; } = 1000;

    /// <summary>
    /// Which connected addresses count as private (no warning for a session without TLS). Always
    /// <see cref="SmppNetwork.IsPrivate"/>; the library's tests replace it to make a loopback SMSC look public.
    /// </summary>
    internal Func<System.Net.IPAddress, bool> IsPrivateAddress { get; set; } = SmppNetwork.IsPrivate;

    /// <summary>Configuration errors in operator-readable sentences; empty when valid.</summary>
    public IReadOnlyList<string> GetErrors()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Host)) errors.Add("Smpp:Host is empty: set the SMSC host name or address.");
        if (Port is < 1 or > 65535) errors.Add($"Smpp:Port {Port} is not a TCP port (1-65535).");
        if (string.IsNullOrWhiteSpace(SystemId)) errors.Add("Smpp:SystemId is empty: set the system_id your SMSC provider issued.");
        else if (!SmppFieldLimits.Fits(SmppField.SystemId, SystemId)) errors.Add($"Smpp:SystemId is {SystemId.Length} characters; SMPP 3.4 allows 15.");
        if (!SmppFieldLimits.Fits(SmppField.SystemType, SystemType)) errors.Add($"Smpp:SystemType is {SystemType.Length} characters; SMPP 3.4 allows 12.");
        if (!SmppFieldLimits.Fits(SmppField.SourceAddr, SourceAddress)) errors.Add($"Smpp:SourceAddress is {SourceAddress.Length} characters; SMPP 3.4 allows 20.");
        if (WindowSize is < 1 or > 1000) errors.Add($"Smpp:WindowSize {WindowSize} must be 1..1000.");
        if (MaxTps < 0) errors.Add("Smpp:MaxTps must be 0 (unlimited) or positive.");
        if (MaxConsecutiveTimeouts < 1) errors.Add("Smpp:MaxConsecutiveTimeouts must be at least 1.");
        if (DeliveryQueueCapacity is < 1 or > 1_000_000) errors.Add($"Smpp:DeliveryQueueCapacity {DeliveryQueueCapacity} must be 1..1000000.");
        if (ReceiptHoldCapacity is < 1 or > 1_000_000) errors.Add($"Smpp:ReceiptHoldCapacity {ReceiptHoldCapacity} must be 1..1000000.");
        Positive(errors, BindTimeout, nameof(BindTimeout));
        Positive(errors, ResponseTimeout, nameof(ResponseTimeout));
        Positive(errors, EnquireLinkInterval, nameof(EnquireLinkInterval));
        Positive(errors, EnquireLinkTimeout, nameof(EnquireLinkTimeout));
        Positive(errors, BindWaitTimeout, nameof(BindWaitTimeout));
        Positive(errors, ReconnectMinDelay, nameof(ReconnectMinDelay));
        Positive(errors, ThrottlePause, nameof(ThrottlePause));
        Positive(errors, StableBindDuration, nameof(StableBindDuration));
        if (ReconnectMaxDelay < ReconnectMinDelay) errors.Add("Smpp:ReconnectMaxDelay must not be below ReconnectMinDelay.");
        if (CredentialErrorDelay < TimeSpan.Zero) errors.Add("Smpp:CredentialErrorDelay must not be negative.");
        if (ValidityPeriod is { } validity && (validity <= TimeSpan.Zero || validity.TotalDays >= 100))
        {
            errors.Add("Smpp:ValidityPeriod must be positive and below 100 days.");
        }
        if (!string.IsNullOrEmpty(SourceAddress) && !IsNumeric(SourceAddress) && SourceAddress.Length > 11)
        {
            errors.Add($"Smpp:SourceAddress '{SourceAddress}' is alphanumeric and longer than 11 characters; handsets show at most 11.");
        }
        return errors;
    }

    /// <summary>Non-fatal findings (logged at start), e.g. a password longer than the SMPP 3.4 limit of 8.</summary>
    public IReadOnlyList<string> GetWarnings()
    {
        var warnings = new List<string>();
        if (!SmppFieldLimits.Fits(SmppField.Password, Password))
        {
            warnings.Add($"Smpp:Password is {Password.Length} characters; SMPP 3.4 allows 8. It is sent unchanged (many providers accept longer ones); if binds fail with ESME_RINVPASWD ask the provider.");
        }
        if (TlsAllowUntrustedCertificate) warnings.Add("Smpp:TlsAllowUntrustedCertificate is on: any server certificate is accepted. Use it only in development.");
        // A host name is judged at each bind, on the address actually connected to (SmppLog.CleartextToPublicAddress).
        if (!UseTls && System.Net.IPAddress.TryParse(Host, out var address) && !IsPrivateAddress(address))
        {
            warnings.Add($"Smpp:UseTls is off towards the public address {Host}: the password and message texts cross the internet in clear. Enable TLS or reach the SMSC over a private network or VPN.");
        }
        return warnings;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> listing every error when the options are invalid.</summary>
    public void Validate()
    {
        var errors = GetErrors();
        if (errors.Count > 0) throw new InvalidOperationException("Invalid SMPP client options: " + string.Join(" ", errors));
    }

    /// <summary>A shallow copy.</summary>
    public SmppClientOptions Clone() => (SmppClientOptions)MemberwiseClone();

    internal static bool IsNumeric(string address)
    {
        var span = address.AsSpan().TrimStart('+');
        if (span.IsEmpty) return false;
        foreach (char c in span)
        {
            if (c is < '0' or > '9') return false;
        }
        return true;
    }

    private static void Positive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) errors.Add($"Smpp:{name} must be positive.");
    }
}
