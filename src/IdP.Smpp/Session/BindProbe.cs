using System.Net.Sockets;
using IdP.Smpp.Pdus;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdP.Smpp.Session;

/// <summary>One bind attempt with a plain-words verdict, for an admin console's "test connection".</summary>
internal static class BindProbe
{
    public static async Task<BindProbeResult> RunAsync(SmppClientOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        long started = time.GetTimestamp();
        BindProbeResult Result(BindProbeOutcome outcome, string message, string? systemId = null, CommandStatus? status = null) =>
            new(outcome, message, systemId, status, time.GetElapsedTime(started));
        string target = $"{options.Host}:{options.Port}";
        var errors = options.GetErrors();
        if (errors.Count > 0) return Result(BindProbeOutcome.BindRejected, "The settings are invalid: " + string.Join(" ", errors));
        var bindCommand = options.BindMode == SmppBindMode.Transceiver ? CommandId.BindTransceiver : CommandId.BindTransmitter;
        try
        {
            var session = await SmppSession.OpenAsync(options, bindCommand, "probe", NullLogger.Instance, time, null, _ => true, null, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                string smsc = session.SmscSystemId;
                await session.UnbindAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                return Result(BindProbeOutcome.Bound, $"Bound to {target} as '{options.SystemId}'; the SMSC calls itself '{smsc}'. Unbound again.", smsc, CommandStatus.Ok);
            }
        }
        catch (SmppBindException ex) when (ex.IsCredentialError)
        {
            return Result(BindProbeOutcome.CredentialsRejected, $"The SMSC at {target} rejected the credentials: {CommandStatusInfo.Describe(ex.Status)}.", status: ex.Status);
        }
        catch (SmppBindException ex)
        {
            return Result(BindProbeOutcome.BindRejected, $"The SMSC at {target} rejected the bind: {CommandStatusInfo.Describe(ex.Status)}.", status: ex.Status);
        }
        catch (SocketException ex)
        {
            return Result(BindProbeOutcome.Unreachable, $"Cannot connect to {target}: {ex.SocketErrorCode} ({ex.Message}). Check host, port and firewall.");
        }
        catch (SmppTlsException ex)
        {
            return Result(BindProbeOutcome.TlsMismatch, ex.Message);
        }
        catch (SmppFramingException ex) when (ex.Problem == SmppFramingProblem.TlsPlainMismatch)
        {
            return Result(BindProbeOutcome.TlsMismatch, $"{target} answered with TLS but UseTls is off: {ex.Message}");
        }
        catch (SmppFramingException ex)
        {
            return Result(BindProbeOutcome.ProtocolMismatch, $"{target} does not speak SMPP: {ex.Message}");
        }
        catch (TimeoutException)
        {
            return Result(BindProbeOutcome.Timeout, $"No answer from {target} within {options.BindTimeout.TotalSeconds:0.#} s. Check the port, and UseTls (a TLS port waits silently for a handshake).");
        }
        catch (SmppConnectionLostException ex)
        {
            string hint = options.UseTls ? string.Empty : " If the SMSC expects TLS on this port, set UseTls.";
            return Result(BindProbeOutcome.ConnectionClosed, $"{target} closed the connection during the bind ({ex.Message}).{hint}");
        }
    }
}
