namespace IdP.Data.Entities;

/// <summary>The SMPP session state each node reports (heartbeat), for health pages and the admin console.</summary>
public class SmppNodeState
{
    /// <summary>Node name (machine name and process id unless configured).</summary>
    public string Node { get; set; } = "";

    /// <summary>E.g. <c>BoundTransceiver</c>, <c>Closed</c>, <c>Disabled</c>.</summary>
    public string State { get; set; } = "";

    /// <summary>The last error or reason, in plain words.</summary>
    public string? Detail { get; set; }

    /// <summary>host:port the node binds to.</summary>
    public string? Endpoint { get; set; }

    public long Submitted { get; set; }

    public long Receipts { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
