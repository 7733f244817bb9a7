using IdP.Smpp.Simulator;

namespace IdP.Smpp.Tests.TestSupport;

/// <summary>Starts a simulator on port 0 and builds client options pointing at it, with short test timings.</summary>
public static class Smsc
{
    public const string SystemId = "idp";
    public const string Password = "pw-longer-than-8";

    public static async Task<SmscSimulator> StartAsync(Action<SmscSimulatorOptions>? configure = null, CapturingLogger<SmscSimulator>? logger = null)
    {
        var options = new SmscSimulatorOptions { Credentials = new Dictionary<string, string> { [SystemId] = Password } };
        configure?.Invoke(options);
        var simulator = new SmscSimulator(options, logger);
        await simulator.StartAsync(CancellationToken.None);
        return simulator;
    }

    public static SmppClientOptions ClientOptions(SmscSimulator simulator, Action<SmppClientOptions>? configure = null)
    {
        var options = new SmppClientOptions
        {
            Host = "127.0.0.1",
            Port = simulator.Port,
            SystemId = SystemId,
            Password = Password,
            SourceAddress = "MyIdP",
            BindTimeout = TimeSpan.FromSeconds(5),
            ResponseTimeout = TimeSpan.FromSeconds(5),
            BindWaitTimeout = TimeSpan.FromSeconds(10),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
            ThrottlePause = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return options;
    }

    public static async Task<SmppClient> StartClientAsync(SmppClientOptions options, CapturingLogger<SmppClient>? logger = null, bool waitForBind = true)
    {
        var client = new SmppClient(options, logger);
        await client.StartAsync(CancellationToken.None);
        if (waitForBind)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await client.WaitUntilBoundAsync(timeout.Token);
        }
        return client;
    }

    public static SmsMessage Message(string destination, string text = "Your code is 123456") => new() { Destination = destination, Text = text };

    /// <summary>Polls <paramref name="condition"/> until true or the timeout passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            await Task.Delay(20);
        }
        return condition();
    }
}
