using IdP.Smpp;

namespace IdP.Server.Sms;

/// <summary>
/// "Test connection" for the <c>smpp</c> script: binds once with its current properties (or with overrides not
/// saved yet), unbinds, and says in plain words what happened — bound with the SMSC's system_id, credentials
/// rejected, connection refused, host unreachable, TLS mismatch, not SMPP, timeout. Works whether or not the script
/// is enabled, so an admin can test before enabling. Used by <c>sms test</c> and the admin console.
/// </summary>
public sealed class SmppConnectionTester(SmppSettingsReader reader)
{
    /// <summary>Tests the stored properties, with <paramref name="overrides"/> (property name → value) on top.</summary>
    public async Task<SmppConnectionTestResult> TestAsync(IReadOnlyDictionary<string, string>? overrides, CancellationToken ct)
    {
        var read = await reader.ReadAsync(overrides, fresh: true, ct);
        return read.State switch
        {
            SmppSettingsState.Configured => await TestAsync(read.ClientOptions!, ct),
            SmppSettingsState.NotConfigured => new SmppConnectionTestResult(SmppConnectionVerdict.NotConfigured, "not configured", read.Problem!, read.Endpoint, null, TimeSpan.Zero),
            _ => new SmppConnectionTestResult(SmppConnectionVerdict.InvalidSettings, "invalid settings", read.Problem!, read.Endpoint, null, TimeSpan.Zero),
        };
    }

    /// <summary>Binds once with <paramref name="options"/> and classifies the result.</summary>
    public static async Task<SmppConnectionTestResult> TestAsync(SmppClientOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = SmppClientOptionsFactory.Endpoint(options.Host, options.Port);
        var probe = await SmppClient.ProbeAsync(options, ct);
        var message = SmppClientOptionsFactory.ToPropertyNames(probe.Message);
        var (verdict, summary, hint) = probe.Outcome switch
        {
            BindProbeOutcome.Bound => (SmppConnectionVerdict.Bound, "bound OK", ""),
            BindProbeOutcome.CredentialsRejected => (SmppConnectionVerdict.CredentialsRejected, "credentials rejected",
                " Check system_id and password with your SMSC provider; providers lock accounts after repeated failures."),
            BindProbeOutcome.BindRejected => (SmppConnectionVerdict.BindRejected, "bind rejected", ""),
            BindProbeOutcome.Unreachable when probe.Message.Contains("ConnectionRefused", StringComparison.Ordinal) =>
                (SmppConnectionVerdict.ConnectionRefused, "unreachable (connection refused)",
                    $" Nothing listens on {endpoint}: check smpp_server and smpp_port, and that the SMSC (or the tunnel to it) is running."),
            BindProbeOutcome.Unreachable => (SmppConnectionVerdict.Unreachable, "host unreachable",
                " Check smpp_server (name or address), the network route and firewalls."),
            BindProbeOutcome.TlsMismatch => (SmppConnectionVerdict.TlsMismatch, "TLS mismatch",
                options.UseTls ? " use_tls is true: does this port speak TLS, and is its certificate trusted?" : " use_tls is false but the port speaks TLS: set use_tls true."),
            BindProbeOutcome.ProtocolMismatch => (SmppConnectionVerdict.NotSmpp, "not an SMPP server", " Check smpp_port."),
            BindProbeOutcome.Timeout => (SmppConnectionVerdict.Timeout, "timeout", ""),
            _ => (SmppConnectionVerdict.ConnectionClosed, "connection closed during the bind", ""),
        };
        return new SmppConnectionTestResult(verdict, summary, message + hint, endpoint, probe.SmscSystemId, probe.Elapsed);
    }
}
