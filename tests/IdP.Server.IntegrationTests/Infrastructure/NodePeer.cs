using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>
/// A Node.js peer from <c>tests/peers/</c> speaking JSON lines on stdout and reading lines on
/// stdin. Missing node or node_modules fails the test with the command that installs them.
/// </summary>
public sealed class NodePeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private NodePeer(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    public static string PeersDirectory => Path.Combine(RepositoryPaths.Root, "tests", "peers");

    public static NodePeer Start(string script, params string[] arguments)
    {
        var node = FindNode() ?? throw new InvalidOperationException("node is not installed: run ./test.sh (it installs nodejs and the peers).");
        if (!Directory.Exists(Path.Combine(PeersDirectory, "node_modules", "openid-client")))
        {
            throw new InvalidOperationException($"The Node peers are not installed in {PeersDirectory}/node_modules: run ./test.sh (npm ci).");
        }

        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = PeersDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(PeersDirectory, script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new NodePeer(Process.Start(info) ?? throw new InvalidOperationException("node did not start."));
    }

    /// <summary>Reads the next JSON line, failing with the peer's stderr when it ends or times out.</summary>
    public async Task<JsonElement> ReadAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The Node peer said nothing for {timeout}. stderr:\n{Errors}");
        }

        if (line is null)
        {
            throw new InvalidOperationException($"The Node peer exited without output. stderr:\n{Errors}");
        }

        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public string Errors
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static string? FindNode()
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
