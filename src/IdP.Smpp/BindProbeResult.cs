namespace IdP.Smpp;

/// <summary>What <see cref="SmppClient.ProbeAsync"/> found, in plain words for an admin console.</summary>
/// <param name="Outcome">The result class.</param>
/// <param name="Message">A sentence an operator understands.</param>
/// <param name="SmscSystemId">The SMSC's system_id from bind_resp, when bound.</param>
/// <param name="CommandStatus">The bind_resp status, when one came.</param>
/// <param name="Elapsed">How long the probe took.</param>
public sealed record BindProbeResult(BindProbeOutcome Outcome, string Message, string? SmscSystemId, Pdus.CommandStatus? CommandStatus, TimeSpan Elapsed)
{
    /// <summary>True when the bind succeeded.</summary>
    public bool Success => Outcome == BindProbeOutcome.Bound;
}
