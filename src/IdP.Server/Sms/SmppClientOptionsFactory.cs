using System.Globalization;
using IdP.Authentication.Sms;
using IdP.Smpp;

namespace IdP.Server.Sms;

/// <summary>
/// Maps the <c>smpp</c> script's properties (Gluu's names) onto <see cref="SmppClientOptions"/>, with this node's
/// timing from <see cref="SmppGatewayOptions"/>. One mapping for the long-lived session, the connection test and
/// <c>sms test</c>, so all three bind the same way.
/// </summary>
public static class SmppClientOptionsFactory
{
    private static readonly (string Option, string Property)[] PropertyNames =
    [
        ("Smpp:Host", SmppScriptSettings.Server),
        ("Smpp:Port", SmppScriptSettings.Port),
        ("Smpp:SystemId", SmppScriptSettings.SystemId),
        ("Smpp:Password", SmppScriptSettings.Password),
        ("Smpp:SourceAddress", SmppScriptSettings.SourceAddr),
        ("Smpp:ValidityPeriod", SmppScriptSettings.ValidityPeriod),
        ("Smpp:UseTls", SmppScriptSettings.UseTls),
    ];

    public static SmppClientOptions Create(SmppScriptSettings settings, SmppGatewayOptions node)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(node);
        return new SmppClientOptions
        {
            Host = settings.Host,
            Port = settings.PortNumber,
            UseTls = settings.Tls,
            SystemId = settings.SystemIdValue,
            Password = settings.PasswordValue,
            SourceAddress = settings.Source,
            SourceTon = settings.SourceTon,
            SourceNpi = settings.SourceNpi,
            DestinationTon = settings.DestinationTon,
            DestinationNpi = settings.DestinationNpi,
            PriorityFlag = settings.Priority,
            DataCoding = settings.DataCoding,
            ValidityPeriod = settings.Validity,
            BindMode = SmppBindMode.Transceiver,
            RegisteredDelivery = true,
            BindTimeout = node.BindTimeout,
            BindWaitTimeout = node.BindWait,
            ResponseTimeout = node.ResponseTimeout,
            EnquireLinkInterval = node.EnquireLinkInterval,
            ReconnectMinDelay = node.ReconnectMinDelay,
            ReconnectMaxDelay = node.ReconnectMaxDelay,
            StableBindDuration = node.StableBindDuration,
            DeliveryQueueCapacity = node.ReceiptQueueCapacity,
            CredentialErrorDelay = node.CredentialErrorDelay,
            WindowSize = node.WindowSize,
            MaxTps = node.MaxTps,
        };
    }

    /// <summary>host:port (IPv6 addresses in brackets); never credentials.</summary>
    public static string Endpoint(SmppScriptSettings settings) => Endpoint(settings.Host, settings.PortNumber);

    /// <summary>host:port (IPv6 addresses in brackets).</summary>
    public static string Endpoint(string host, int port) =>
        (host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Rewrites the client library's option names (<c>Smpp:SystemId</c>) as the script's property names (<c>system_id</c>).</summary>
    public static string ToPropertyNames(string message)
    {
        foreach (var (option, property) in PropertyNames)
        {
            message = message.Replace(option, property, StringComparison.Ordinal);
        }

        return message;
    }
}
