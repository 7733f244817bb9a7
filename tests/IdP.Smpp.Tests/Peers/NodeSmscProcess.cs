using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace IdP.Smpp.Tests.Peers;

/// <summary>
/// Runs tests/peers/smsc.js (an SMSC built on the npm smpp package) as a child process on port 0,
/// collects its JSON event lines and kills it on dispose. The script also exits when its stdin
/// closes, so it cannot outlive the test run.
/// </summary>
public sealed class NodeSmscProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly List<NodeSmscEvent> _events = [];
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private Task? _stdoutPump;
    private Task? _stderrPump;
    private bool _exited;

    private NodeSmscProcess(Process process)
    {
        _process = process;
    }

    public int Port { get; private set; }

    public IReadOnlyList<NodeSmscEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Accepted submit_sm (status 0), in arrival order.</summary>
    public IReadOnlyList<NodeSmscEvent> AcceptedSubmits =>
        [.. Events.Where(e => e.Event == "submit" && e.Int("status") == 0)];

    /// <summary>
    /// Waits until the script has reported at least <paramref name="count"/> accepted submits. A client sees the
    /// submit_sm_resp over TCP before the test has read the script's stdout line for it, so a test that counts
    /// <see cref="AcceptedSubmits"/> right after its submits returned must wait for the events first.
    /// </summary>
    public Task<IReadOnlyList<NodeSmscEvent>> WaitForAcceptedSubmitsAsync(int count, TimeSpan timeout) =>
        WaitForEventsAsync(e => e.Event == "submit" && e.Int("status") == 0, count, timeout);

    public static async Task<NodeSmscProcess> StartAsync(NodeSmscOptions options, CancellationToken ct = default)
    {
        var node = PeerPrerequisites.NodeExecutable();
        var script = PeerPrerequisites.SmscScript();
        var psi = new ProcessStartInfo(node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = System.IO.Path.GetDirectoryName(script)!,
            StandardOutputEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(script);
        foreach (var arg in options.ToArguments())
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var smsc = new NodeSmscProcess(process);
        smsc._stdoutPump = Task.Run(smsc.PumpStdoutAsync, CancellationToken.None);
        smsc._stderrPump = Task.Run(smsc.PumpStderrAsync, CancellationToken.None);
        try
        {
            var listening = await smsc.WaitForEventAsync(e => e.Event == "listening", StartTimeout, ct);
            smsc.Port = listening.Int("port");
        }
        catch
        {
            await smsc.DisposeAsync();
            throw;
        }

        return smsc;
    }

    /// <summary>The first event (past or future) matching <paramref name="predicate"/>.</summary>
    public async Task<NodeSmscEvent> WaitForEventAsync(Func<NodeSmscEvent, bool> predicate, TimeSpan timeout, CancellationToken ct = default)
    {
        var events = await WaitForEventsAsync(predicate, 1, timeout, ct);
        return events[0];
    }

    /// <summary>Waits until at least <paramref name="count"/> events match; returns all matches so far.</summary>
    public async Task<IReadOnlyList<NodeSmscEvent>> WaitForEventsAsync(
        Func<NodeSmscEvent, bool> predicate, int count, TimeSpan timeout, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            Task signal;
            List<NodeSmscEvent> matches;
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
                throw new InvalidOperationException($"smsc.js exited before the expected event ({matches.Count}/{count} seen). {Diagnostics()}");
            }

            try
            {
                await signal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"smsc.js: {matches.Count}/{count} expected events within {timeout}. {Diagnostics()}");
            }
        }
    }

    /// <summary>Sends a JSON command line to the script (deliver, receipt, set, drop, unbind).</summary>
    public async Task SendCommandAsync(object command, CancellationToken ct = default)
    {
        var line = JsonSerializer.Serialize(command);
        await _process.StandardInput.WriteLineAsync(line.AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
    }

    /// <summary>The last events and stderr, for assertion messages.</summary>
    public string Diagnostics(int lastEvents = 25)
    {
        lock (_gate)
        {
            var tail = string.Join('\n', _events.TakeLast(lastEvents).Select(e => e.Line));
            return $"Last smsc.js events:\n{tail}\nstderr:\n{_stderr}";
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

        if (_stdoutPump is not null)
        {
            await _stdoutPump;
        }

        if (_stderrPump is not null)
        {
            await _stderrPump;
        }

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

                NodeSmscEvent evt;
                try
                {
                    using var doc = JsonDocument.Parse(line);
                    evt = new NodeSmscEvent(doc.RootElement.Clone(), line);
                }
                catch (JsonException)
                {
                    lock (_gate)
                    {
                        _stderr.AppendLine("[stdout, not JSON] " + line);
                    }

                    continue;
                }

                Publish(() => _events.Add(evt));
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
