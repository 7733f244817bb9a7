using Xunit.Abstractions;

namespace IdP.Smpp.Tests.Peers;

/// <summary>Shared set-up for the tests of our SmppClient against the node-smpp SMSC.</summary>
public static class PeerSession
{
    /// <summary>Generous: the machine running CI has 2 cores and runs test classes in parallel.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public const string SystemId = "idp";

    public const string Password = "idp-pass";

    public static SmppClientOptions Options(NodeSmscProcess smsc, Action<SmppClientOptions>? configure = null)
    {
        var options = new SmppClientOptions
        {
            Host = "127.0.0.1",
            Port = smsc.Port,
            SystemId = SystemId,
            Password = Password,
            SourceAddress = "MyIdP",
            SourceTon = 5,
            SourceNpi = 0,
            DestinationTon = 1,
            DestinationNpi = 1,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(200),
            ReconnectMaxDelay = TimeSpan.FromSeconds(2),
            ResponseTimeout = TimeSpan.FromSeconds(10),
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>Starts a client and waits until it is bound; the caller disposes it.</summary>
    public static async Task<SmppClient> StartBoundAsync(SmppClientOptions options, ITestOutputHelper output, NodeSmscProcess smsc)
    {
        var client = new SmppClient(options, new TestOutputLogger<SmppClient>(output));
        try
        {
            using var cts = new CancellationTokenSource(Timeout);
            await client.StartAsync(cts.Token);
            await client.WaitUntilBoundAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await client.DisposeAsync();
            throw new TimeoutException($"SmppClient did not bind to smsc.js within {Timeout} (state {client.State}). {smsc.Diagnostics()}");
        }

        return client;
    }

    public static CancellationToken TimeoutToken() => new CancellationTokenSource(Timeout).Token;

    /// <summary>The GSM/UCS2 octets we expect on the wire, as lowercase hex (as smsc.js prints them).</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
