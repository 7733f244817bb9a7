using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>
/// The independent SMSC of <c>tests/peers/smsc.js</c> (npm <c>smpp</c>), on a chosen port or port 0, with its JSON
/// event lines (bind, submit, receipt, unbind…) collected for assertions. Unlike the IdP.Smpp test helper it can
/// listen on a port fixed in advance, so a test can configure a node first and bring the SMSC up later.
/// The script exits when its stdin closes, so it never outlives the test.
/// </summary>
public sealed class SmscPeer : NodeEventPeer
{
    private SmscPeer(IEnumerable<string> arguments)
        : base("smsc.js", "smpp", arguments)
    {
    }

    public int Port { get; private set; }

    /// <param name="port">0 for any free port.</param>
    /// <param name="systemId">The only system_id accepted (null: any).</param>
    /// <param name="password">The only password accepted (null: any); a wrong one gets ESME_RINVPASWD.</param>
    /// <param name="receipts">none, tlv or text.</param>
    /// <param name="receiptStat">DELIVRD, UNDELIV, …</param>
    /// <remarks>
    /// Message ids start at a random number: every smsc.js process would otherwise hand out the same ids, and a
    /// receipt could match an earlier test's record (the server keeps a week of them).
    /// </remarks>
    public static async Task<SmscPeer> StartAsync(int port = 0, string? systemId = null, string? password = null, string receipts = "none", string? receiptStat = null)
    {
        var arguments = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                arguments.Add(name);
                arguments.Add(value);
            }
        }

        Add("--port", port.ToString(CultureInfo.InvariantCulture));
        Add("--system-id", systemId);
        Add("--password", password);
        Add("--receipts", receipts);
        Add("--receipt-stat", receiptStat);
        Add("--smsc-system-id", "NODESMSC");
        Add("--first-id", Random.Shared.Next(100_000_000, 2_000_000_000).ToString(CultureInfo.InvariantCulture));

        var peer = new SmscPeer(arguments);
        peer.Port = (await peer.ListeningAsync()).GetProperty("port").GetInt32();
        return peer;
    }

    /// <summary>A loopback port nothing listens on (the OS handed it out and it was closed again).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Successful binds (result 0).</summary>
    public IReadOnlyList<JsonElement> Binds => [.. Events.Where(e => Is(e, "bind") && Int(e, "result") == 0)];

    /// <summary>Accepted submits (status 0).</summary>
    public IReadOnlyList<JsonElement> Submits => [.. Events.Where(e => Is(e, "submit") && Int(e, "status") == 0)];
}
