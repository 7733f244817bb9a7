using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IdP.Server.IntegrationTests.Infrastructure;

namespace IdP.Server.IntegrationTests.Sms;

/// <summary>
/// The independent SMSC of <c>tests/peers/smsc.js</c> (npm <c>smpp</c>), on a chosen port or port 0, with its JSON
/// event lines (bind, submit, receipt, unbind…) collected for assertions. Unlike the IdP.Smpp test helper it can
/// listen on a port fixed in advance, so a test can configure a node first and bring the SMSC up later.
/// The script exits when its stdin closes, so it never outlives the test.
/// </summary>
public sealed class SmscPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<JsonElement> _events = [];
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private Task _stdout = Task.CompletedTask;
    private Task _stderrPump = Task.CompletedTask;
    private bool _exited;

    private SmscPeer(Process process) => _process = process;

    public int Port { get; private set; }

    public IReadOnlyList<JsonElement> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

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
        var node = FindNode() ?? throw new InvalidOperationException("node is not installed: run ./test.sh (it installs nodejs and the peers).");
        var script = Path.Combine(NodePeer.PeersDirectory, "smsc.js");
        if (!File.Exists(Path.Combine(NodePeer.PeersDirectory, "node_modules", "smpp", "package.json")))
        {
            throw new InvalidOperationException($"The npm smpp package is missing in {NodePeer.PeersDirectory}/node_modules: run ./test.sh (npm ci).");
        }

        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = NodePeer.PeersDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(script);
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                info.ArgumentList.Add(name);
                info.ArgumentList.Add(value);
            }
        }

        Add("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("--system-id", systemId);
        Add("--password", password);
        Add("--receipts", receipts);
        Add("--receipt-stat", receiptStat);
        Add("--smsc-system-id", "NODESMSC");
        Add("--first-id", Random.Shared.Next(100_000_000, 2_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var peer = new SmscPeer(Process.Start(info) ?? throw new InvalidOperationException("node did not start."));
        peer._stdout = Task.Run(peer.PumpStdoutAsync);
        peer._stderrPump = Task.Run(peer.PumpStderrAsync);
        try
        {
            var listening = await peer.WaitForAsync(e => Is(e, "listening"), TimeSpan.FromSeconds(30));
            peer.Port = listening.GetProperty("port").GetInt32();
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }

        return peer;
    }

    /// <summary>A loopback port nothing listens on (the OS handed it out and it was closed again).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool Is(JsonElement e, string name) =>
        e.TryGetProperty("event", out var value) && value.GetString() == name;

    public static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : -1;

    /// <summary>Successful binds (result 0).</summary>
    public IReadOnlyList<JsonElement> Binds => [.. Events.Where(e => Is(e, "bind") && Int(e, "result") == 0)];

    /// <summary>Accepted submits (status 0).</summary>
    public IReadOnlyList<JsonElement> Submits => [.. Events.Where(e => Is(e, "submit") && Int(e, "status") == 0)];

    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> predicate, TimeSpan timeout) =>
        (await WaitForCountAsync(predicate, 1, timeout))[0];

    /// <summary>Waits until <paramref name="count"/> events (past or future) match; fails with the last events and stderr.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForCountAsync(Func<JsonElement, bool> predicate, int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task signal;
            List<JsonElement> matches;
            bool exited;
            lock (_gate)
            {
                matches = [.. _events.Where(predicate)];
                signal = _changed.Task;
                exited = _exited;
            }

            if (matches.Count >= count)
            {
                return matches;
            }

            if (exited)
            {
                throw new InvalidOperationException($"smsc.js exited ({matches.Count}/{count} expected events). {Diagnostics()}");
            }

            try
            {
                await signal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"smsc.js: {matches.Count}/{count} expected events within {timeout}. {Diagnostics()}");
            }
        }
    }

    /// <summary>Sends a command line (receipt, drop, unbind, set) as in the header of smsc.js.</summary>
    public async Task SendAsync(object command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
        await _process.StandardInput.FlushAsync();
    }

    public string Diagnostics()
    {
        lock (_gate)
        {
            return "Last events:\n" + string.Join('\n', _events.TakeLast(25).Select(e => e.GetRawText())) + "\nstderr:\n" + _stderr;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        await _stdout;
        await _stderrPump;
        _process.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                JsonElement element;
                try
                {
                    using var document = JsonDocument.Parse(line);
                    element = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    lock (_gate)
                    {
                        _stderr.AppendLine("[stdout, not JSON] " + line);
                    }

                    continue;
                }

                Publish(() => _events.Add(element));
            }
        }
        finally
        {
            Publish(() => _exited = true);
        }
    }

    private async Task PumpStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _stderr.AppendLine(line);
            }
        }
    }

    private void Publish(Action change)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            change();
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
    }

    private static string? FindNode()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/local/bin"))
        {
            var candidate = Path.Combine(directory, "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
