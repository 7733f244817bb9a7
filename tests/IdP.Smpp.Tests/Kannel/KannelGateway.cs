using System.Diagnostics;
using System.Globalization;
using System.Text;
using IdP.Smpp.Tests.Peers;

namespace IdP.Smpp.Tests.Kannel;

/// <summary>
/// Debian's Kannel (bearerbox + smsbox) as an independent ESME: writes a kannel.conf to a temp
/// dir, starts both boxes on free ports, waits until the SMPP bind is online and the sendsms
/// HTTP interface answers, and kills both processes on dispose. Logs stay in the temp dir so a
/// failing test can show their tail.
/// </summary>
public sealed class KannelGateway : IAsyncDisposable
{
    public const string SmscId = "idpsim";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(40);

    private readonly KannelOptions _options;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private readonly List<Process> _processes = [];
    private string? _lastStatus;

    private KannelGateway(KannelOptions options, string directory)
    {
        _options = options;
        Directory = directory;
        AdminPort = FreePort.Next();
        SmsboxPort = FreePort.Next();
        SendSmsPort = FreePort.Next();
    }

    public string Directory { get; }

    public int AdminPort { get; }

    public int SmsboxPort { get; }

    public int SendSmsPort { get; }

    public string ConfigPath => Path.Combine(Directory, "kannel.conf");

    public string BearerboxLog => Path.Combine(Directory, "bearerbox.log");

    public string SmsboxLog => Path.Combine(Directory, "smsbox.log");

    private string AdminPassword => "admin-pw";

    public static async Task<KannelGateway> StartAsync(KannelOptions options, CancellationToken ct = default)
    {
        // Kannel cannot listen on port 0: a free port it gets may be taken in between by a
        // parallel test (then a box exits at once), so one retry on fresh ports. A readiness
        // timeout (e.g. the bind refused) is not retried.
        try
        {
            return await StartOnceAsync(options, ct);
        }
        catch (InvalidOperationException e) when (e.InnerException is InvalidOperationException && !ct.IsCancellationRequested)
        {
            return await StartOnceAsync(options, ct);
        }
    }

    private static async Task<KannelGateway> StartOnceAsync(KannelOptions options, CancellationToken ct)
    {
        var (bearerbox, smsbox) = PeerPrerequisites.Kannel();
        var dir = Path.Combine(Path.GetTempPath(), "idp-kannel-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var gateway = new KannelGateway(options, dir);
        try
        {
            await File.WriteAllTextAsync(gateway.ConfigPath, gateway.BuildConfig(), ct);
            gateway.Launch(bearerbox);
            await gateway.WaitUntilAsync(gateway.BearerboxAnswersAsync, "bearerbox admin status page", ct);
            gateway.Launch(smsbox);
            await gateway.WaitUntilAsync(gateway.IsReadyAsync, "SMPP bind online + smsbox connected + sendsms answering", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var status = gateway._lastStatus ?? "(no status page read)";
            var tail = gateway.LogTail();
            await gateway.DisposeAsync();
            throw new InvalidOperationException($"Kannel did not become ready: {e.Message}\nLast status.txt:\n{status}\n{tail}", e);
        }

        return gateway;
    }

    /// <summary>Calls /cgi-bin/sendsms; returns the HTTP status and Kannel's answer text.</summary>
    public async Task<(int Status, string Body)> SendSmsAsync(
        string to, string text, string? from = null, string? dlrUrl = null, int dlrMask = 31, int? coding = null, CancellationToken ct = default)
    {
        var query = new StringBuilder()
            .Append("username=").Append(Uri.EscapeDataString(_options.SendSmsUser))
            .Append("&password=").Append(Uri.EscapeDataString(_options.SendSmsPassword))
            .Append("&to=").Append(Uri.EscapeDataString(to))
            .Append("&text=").Append(Uri.EscapeDataString(text))
            .Append("&charset=UTF-8");
        if (from is not null)
        {
            query.Append("&from=").Append(Uri.EscapeDataString(from));
        }

        if (coding is not null)
        {
            query.Append("&coding=").Append(coding.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (dlrUrl is not null)
        {
            query.Append("&dlr-mask=").Append(dlrMask.ToString(CultureInfo.InvariantCulture))
                .Append("&dlr-url=").Append(Uri.EscapeDataString(dlrUrl));
        }

        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{SendSmsPort}/cgi-bin/sendsms?{query}"), ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>Kannel's status.txt (bearerbox admin interface).</summary>
    public async Task<string> StatusAsync(CancellationToken ct = default) =>
        await _http.GetStringAsync(new Uri($"http://127.0.0.1:{AdminPort}/status.txt?password={AdminPassword}"), ct);

    /// <summary>The end of both Kannel logs, for assertion messages.</summary>
    public string LogTail(int lines = 40)
    {
        static string Tail(string path, int n)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                var all = reader.ReadToEnd().Split('\n');
                return string.Join('\n', all.TakeLast(n));
            }
            catch (IOException e)
            {
                return $"({path}: {e.Message})";
            }
        }

        return $"--- bearerbox.log (tail) ---\n{Tail(BearerboxLog, lines)}\n--- smsbox.log (tail) ---\n{Tail(SmsboxLog, lines)}";
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            var process = _processes[i];
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await process.WaitForExitAsync(wait.Token);
                }
            }
            catch (InvalidOperationException)
            {
                // Never started or already reaped.
            }
            catch (OperationCanceledException)
            {
                // SIGKILL not reaped within 10 s: nothing more we can do.
            }

            process.Dispose();
        }

        _http.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private string BuildConfig()
    {
        var o = _options;
        var msgIdType = o.MsgIdType is { } t ? $"msg-id-type = 0x{t:x2}\n" : string.Empty;
        return $"""
            group = core
            admin-port = {AdminPort}
            admin-interface = 127.0.0.1
            admin-password = {AdminPassword}
            status-password = {AdminPassword}
            smsbox-port = {SmsboxPort}
            smsbox-interface = 127.0.0.1
            box-allow-ip = 127.0.0.1
            log-file = "{BearerboxLog}"
            log-level = 0
            access-log = "{Path.Combine(Directory, "access.log")}"
            dlr-storage = internal
            sms-resend-freq = 1

            group = smsc
            smsc = smpp
            smsc-id = {SmscId}
            host = {o.SmscHost}
            port = {o.SmscPort}
            transceiver-mode = true
            smsc-username = {o.SmscUsername}
            smsc-password = {o.SmscPassword}
            system-type = ""
            reconnect-delay = 1
            {msgIdType}
            group = smsbox
            bearerbox-host = 127.0.0.1
            bearerbox-port = {SmsboxPort}
            sendsms-port = {SendSmsPort}
            sendsms-interface = 127.0.0.1
            log-file = "{SmsboxLog}"
            log-level = 0

            group = sendsms-user
            username = {o.SendSmsUser}
            password = {o.SendSmsPassword}
            max-messages = 10
            concatenation = true

            """;
    }

    private void Launch(string executable)
    {
        var psi = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Directory,
        };

        // Console verbosity: panics only; everything else goes to the log files.
        psi.ArgumentList.Add("-v");
        psi.ArgumentList.Add("4");
        psi.ArgumentList.Add(ConfigPath);
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {executable}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    private async Task<bool> BearerboxAnswersAsync(CancellationToken ct)
    {
        await StatusAsync(ct);
        return true;
    }

    private async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        var status = await StatusAsync(ct);
        _lastStatus = status;
        var smscOnline = status.Split('\n').Any(l => l.Contains(SmscId + "[", StringComparison.Ordinal) && l.Contains("(online", StringComparison.Ordinal));
        var smsboxConnected = status.Contains("smsbox:", StringComparison.Ordinal);
        if (!smscOnline || !smsboxConnected)
        {
            return false;
        }

        // Any HTTP answer from the sendsms port (a 4xx for the missing parameters) means it is up.
        using var response = await _http.GetAsync(new Uri($"http://127.0.0.1:{SendSmsPort}/cgi-bin/sendsms"), ct);
        return true;
    }

    private async Task WaitUntilAsync(Func<CancellationToken, Task<bool>> probe, string what, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < ReadyTimeout)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var process in _processes)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{process.StartInfo.FileName} exited with code {process.ExitCode} while waiting for {what}.");
                }
            }

            try
            {
                if (await probe(ct))
                {
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                last = e;
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                last = e;
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"Kannel: no {what} within {ReadyTimeout}. Last probe error: {last?.Message}");
    }
}
