using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>
/// A long-running Node.js peer of <c>tests/peers/</c> (the SMSC, the SMTP server) whose JSON event lines on stdout are
/// collected for assertions; commands go to its stdin as JSON lines. The scripts exit when stdin closes, so a peer
/// never outlives the test. Derived classes add what their protocol needs.
/// </summary>
public abstract class NodeEventPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly List<JsonElement> _events = [];
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private readonly Task _stdout;
    private readonly Task _stderrPump;
    private bool _exited;

    /// <summary>Starts <c>node tests/peers/<paramref name="script"/></c>; <paramref name="package"/> must be installed there.</summary>
    protected NodeEventPeer(string script, string package, IEnumerable<string> arguments)
    {
        var node = NodePeer.FindNode() ?? throw new InvalidOperationException("node is not installed: run ./test.sh (it installs nodejs and the peers).");
        if (!File.Exists(Path.Combine(NodePeer.PeersDirectory, "node_modules", package, "package.json")))
        {
            throw new InvalidOperationException($"The npm {package} package is missing in {NodePeer.PeersDirectory}/node_modules: run ./test.sh (npm ci).");
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
        info.ArgumentList.Add(Path.Combine(NodePeer.PeersDirectory, script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _name = script;
        _process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        _stdout = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

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

    public static bool Is(JsonElement e, string name) =>
        e.TryGetProperty("event", out var value) && value.GetString() == name;

    public static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : -1;

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
                throw new InvalidOperationException($"{_name} exited ({matches.Count}/{count} expected events). {Diagnostics()}");
            }

            try
            {
                await signal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{_name}: {matches.Count}/{count} expected events within {timeout}. {Diagnostics()}");
            }
        }
    }

    /// <summary>Sends a command line (see the header of the script).</summary>
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
        GC.SuppressFinalize(this);
    }

    /// <summary>Waits for the script's first line (<c>{"event":"listening",...}</c>); disposes the peer when it never comes.</summary>
    protected async Task<JsonElement> ListeningAsync()
    {
        try
        {
            return await WaitForAsync(e => Is(e, "listening"), TimeSpan.FromSeconds(30));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
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
}
