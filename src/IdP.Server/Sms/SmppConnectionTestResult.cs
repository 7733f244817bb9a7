namespace IdP.Server.Sms;

/// <summary>The outcome of <see cref="SmppConnectionTester"/>, in plain words for a console or a terminal.</summary>
/// <param name="Verdict">What was found.</param>
/// <param name="Summary">A few words, e.g. <c>bound OK</c>, <c>credentials rejected</c>, <c>connection refused</c>.</param>
/// <param name="Detail">A sentence with the SMSC's answer and what to check.</param>
/// <param name="Endpoint">host:port tested (no credentials), when known.</param>
/// <param name="SmscSystemId">The SMSC's system_id from bind_resp, when bound.</param>
/// <param name="Elapsed">How long the test took.</param>
public sealed record SmppConnectionTestResult(
    SmppConnectionVerdict Verdict,
    string Summary,
    string Detail,
    string? Endpoint,
    string? SmscSystemId,
    TimeSpan Elapsed)
{
    public bool Success => Verdict == SmppConnectionVerdict.Bound;

    /// <summary>One line: <c>Summary: Detail</c>.</summary>
    public override string ToString() => $"{Summary}: {Detail}";
}
