using System.Security.Cryptography.X509Certificates;
using IdP.Smpp.Receipts;

namespace IdP.Smpp.Simulator;

/// <summary>
/// Settings of <see cref="SmscSimulator"/>. The simulator reads them live, so faults can be switched on and off while it
/// runs (set the properties on <see cref="SmscSimulator.Options"/>).
/// </summary>
public sealed class SmscSimulatorOptions
{
    /// <summary>Address to listen on.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";
    /// <summary>Port (0 = any free port; read <see cref="SmscSimulator.Port"/> after start).</summary>
    public int Port { get; set; }
    /// <summary>system_id → password. Empty accepts any credentials.</summary>
    public IDictionary<string, string> Credentials { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
    /// <summary>system_id reported in bind_resp.</summary>
    public string SystemId { get; set; } = "IDPSIM";
    /// <summary>Format of the ids in submit_sm_resp / data_sm_resp.</summary>
    public SimulatorMessageIdFormat MessageIdFormat { get; set; } = SimulatorMessageIdFormat.Decimal;
    /// <summary>Format of the ids in receipts; null = same as <see cref="MessageIdFormat"/> (set it differently to reproduce the hex/decimal mismatch).</summary>
    public SimulatorMessageIdFormat? ReceiptIdFormat { get; set; }
    /// <summary>First message id assigned.</summary>
    public long FirstMessageId { get; set; } = 1000;
    /// <summary>Send a delivery receipt when registered_delivery asks for one.</summary>
    public bool SendDeliveryReceipts { get; set; } = true;
    /// <summary>Delay before the receipt (zero = right after submit_sm_resp; a receipt may still overtake it on the wire).</summary>
    public TimeSpan ReceiptDelay { get; set; }
    /// <summary>Receipts sent before the submit_sm_resp (to reproduce the DLR-before-resp race).</summary>
    public bool ReceiptBeforeResponse { get; set; }
    /// <summary>State reported in receipts.</summary>
    public MessageState ReceiptState { get; set; } = MessageState.Delivered;
    /// <summary>Add receipted_message_id, message_state (and network_error_code on failure) TLVs to receipts.</summary>
    public bool ReceiptWithTlvs { get; set; }
    /// <summary>Answer every Nth submit with ESME_RTHROTTLED (0 = off). Throttled submits are not stored.</summary>
    public int ThrottleEveryNth { get; set; }
    /// <summary>Answer every submit with this command_status (null = accept). Rejected submits are not stored.</summary>
    public uint? RejectStatus { get; set; }
    /// <summary>Delay before each submit_sm_resp.</summary>
    public TimeSpan ResponseDelay { get; set; }
    /// <summary>
    /// Drop the TCP connection right after answering this many accepted submits (counted from when it was set). One-shot:
    /// reset to null when it fires, so the client's reconnect then works.
    /// </summary>
    public int? DropConnectionAfterSubmits { get; set; }
    /// <summary>Serve TLS with this certificate (must have a private key).</summary>
    public X509Certificate2? ServerCertificate { get; set; }
    /// <summary>Close connections that do not bind within this time.</summary>
    public TimeSpan UnboundTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
