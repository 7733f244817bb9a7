using System.Diagnostics;
using System.Text.Json;

namespace IdP.Smpp.Throughput;

/// <summary>Starts tests/peers/smsc.js (npm smpp) in quiet mode on port 0 and stops it on dispose.</summary>
public sealed class NodeSmsc : IAsyncDisposable
{
    private readonly Process _process;

    private NodeSmsc(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<NodeSmsc> StartAsync(string receipts, CancellationToken ct)
    {
        var root = FindRepoRoot();
        var script = Path.Combine(root, "tests", "peers", "smsc.js");
        if (!File.Exists(Path.Combine(root, "tests", "peers", "node_modules", "smpp", "package.json")))
        {
            throw new InvalidOperationException("tests/peers/node_modules is missing: run `npm ci` in tests/peers (./test.sh does it).");
        }

        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add("--quiet");
        psi.ArgumentList.Add("--receipts");
        psi.ArgumentList.Add(receipts);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("event").GetString() == "listening")
            {
                // Nothing else is printed in quiet mode except rare errors; drain in the background.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                return new NodeSmsc(process, doc.RootElement.GetProperty("port").GetInt32());
            }
        }

        throw new InvalidOperationException("smsc.js exited before listening");
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IdP.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("IdP.sln not found: run the benchmark from the repository.");
    }
}
