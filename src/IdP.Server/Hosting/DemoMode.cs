using System.Net;
using IdP.Server.Configuration;

namespace IdP.Server.Hosting;

/// <summary>
/// Whether this process runs in demo mode: the demo user and client, the demo relying party at <c>/demo</c>, the
/// built-in SMSC simulator and <c>/dev/sms</c>. Decided once the server listens (<see cref="Decide"/>), and off until
/// then: on by default only in the embedded default (no database configured) when every listening address is
/// loopback, so an instance others can reach never has a user whose password is published; on anywhere with an
/// explicit <c>IdP:Demo:Enabled=true</c> (with a warning); off with <c>IdP:Demo:Enabled=false</c>.
/// </summary>
public sealed partial class DemoMode(IdPEnvironment environment, ILogger<DemoMode> logger)
{
    private volatile bool _on;

    /// <summary>Demo mode may turn on at start; whether it does depends on the addresses (<see cref="Decide"/>).</summary>
    public static bool MayRun(IdPEnvironment environment) => environment.DemoRequested ?? environment.IsEmbeddedDefault;

    /// <summary>Demo mode is on (false until the server listens).</summary>
    public bool IsOn => _on;

    /// <summary>Decides from the addresses the server listens on (as Kestrel reports them) and says why in the log.</summary>
    public bool Decide(IReadOnlyCollection<string> addresses)
    {
        var loopbackOnly = IsLoopbackOnly(addresses);
        var listening = addresses.Count == 0 ? "(unknown)" : string.Join(", ", addresses);
        switch (environment.DemoRequested)
        {
            case true:
                LogForced(logger, listening);
                _on = true;
                break;
            case null when environment.IsEmbeddedDefault && !loopbackOnly:
                LogOffNotLoopback(logger, listening);
                break;
            case null:
                _on = MayRun(environment);
                break;
        }

        return _on;
    }

    /// <summary>
    /// True when every address is a loopback one (<c>localhost</c>, 127.0.0.0/8, ::1). Wildcards (<c>0.0.0.0</c>,
    /// <c>[::]</c>, <c>*</c>, <c>+</c>), other names, Unix sockets and an empty list are not: fail closed.
    /// </summary>
    public static bool IsLoopbackOnly(IEnumerable<string> addresses)
    {
        var any = false;
        foreach (var address in addresses)
        {
            any = true;
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.Host.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var host = uri.Host;
            var loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
            {
                return false;
            }
        }

        return any;
    }

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "DEMO MODE IS ON because IdP:Demo:Enabled=true, on a server listening on {Addresses}: the demo user's password is published and /demo runs. Never set it on an instance others can reach.")]
    private static partial void LogForced(ILogger logger, string addresses);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Demo mode is off: the server listens on {Addresses}, not on loopback only, so no demo user, demo client, /demo, SMSC simulator or /dev/sms. Listen on localhost (--urls http://localhost:5000) to try the demo, or create users with 'IdP.Server users add'.")]
    private static partial void LogOffNotLoopback(ILogger logger, string addresses);
}
