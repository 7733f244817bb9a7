using IdP.Authentication.Sms;
using IdP.Smpp;

namespace IdP.Server.Sms;

/// <summary>The <see cref="SmppClient"/> a <see cref="SmppGateway"/> runs for one set of connection properties.</summary>
internal sealed class ActiveSession(SmppClient client, string key, string endpoint, string systemId)
{
    public SmppClient Client { get; } = client;

    /// <summary>The settings' <see cref="SmppScriptSettings.ConnectionKey"/> this session was started with.</summary>
    public string Key { get; } = key;

    public string Endpoint { get; } = endpoint;

    public string SystemId { get; } = systemId;

    /// <summary>The reason of the last bind, e.g. <c>bound to NODESMSC</c> (names the SMSC's system_id).</summary>
    public volatile string? BoundReason;

    /// <summary>The last error already logged, so each is logged once.</summary>
    public volatile string? LoggedError;

    public volatile bool EverBound;

    public static bool IsSending(SmppSessionState state) => state is SmppSessionState.BoundTransceiver or SmppSessionState.BoundTransmitter;

    /// <summary>What to check for an error, in the script's property names.</summary>
    public static string Hint(string error) =>
        error.Contains("ESME_RINVPASWD", StringComparison.Ordinal) || error.Contains("ESME_RINVSYSID", StringComparison.Ordinal) || error.Contains("ESME_RBINDFAIL", StringComparison.Ordinal)
            ? "Check system_id and password with your SMSC provider (`acr set-property smpp password …`); after a credential error the next attempt waits longer, or starts at once when a property changes."
            : "Check smpp_server, smpp_port and use_tls, and that the SMSC is up; `sms test --to NUMBER` shows the bind result.";

    public SmsGatewayStatus Describe()
    {
        var state = Client.State;
        if (IsSending(state))
        {
            return new SmsGatewayStatus(state.ToString(), true, $"Bound to {Endpoint} as '{SystemId}' ({BoundReason ?? "bound"}).", Endpoint);
        }

        return Client.LastError is { } error
            ? new SmsGatewayStatus(GatewayStates.NotBound, false, $"Not bound to the SMSC {Endpoint}: {SmppGateway.Sentence(error)} Retrying in the background. {Hint(error)}", Endpoint)
            : new SmsGatewayStatus(GatewayStates.Connecting, false, $"Connecting to the SMSC {Endpoint} as '{SystemId}'.", Endpoint);
    }
}
