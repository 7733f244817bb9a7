using System.Net;
using System.Web;
using IdP.Smpp.Tests.Peers;

namespace IdP.Smpp.Tests.Kannel;

/// <summary>
/// A minimal HTTP endpoint (System.Net.HttpListener on 127.0.0.1) that records the dlr-url
/// callbacks Kannel's smsbox makes.
/// </summary>
public sealed class DlrListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<DlrCallback> _calls = [];
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DlrListener()
    {
        // HttpListener cannot listen on port 0; take a free port and retry on the rare race.
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort.Next();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    public IReadOnlyList<DlrCallback> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>
    /// A dlr-url for Kannel: %d = DLR type (1 delivered, 2 undelivered, 4 queued, 8 SMSC ack,
    /// 16 SMSC nack), %F = the SMSC's message id, %A = the SMSC's answer (receipt text), %P = receiver.
    /// </summary>
    public string UrlFor(string reference) =>
        $"http://127.0.0.1:{Port}/dlr?ref={Uri.EscapeDataString(reference)}&type=%d&fid=%F&to=%P&answer=%A";

    public async Task<DlrCallback> WaitForAsync(Func<DlrCallback, bool> predicate, TimeSpan timeout, Func<string> diagnostics)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                var match = _calls.FirstOrDefault(predicate);
                if (match is not null)
                {
                    return match;
                }

                signal = _changed.Task;
            }

            try
            {
                await signal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                var calls = string.Join('\n', Calls.Select(c => c.RawUrl));
                throw new TimeoutException($"No matching dlr-url call within {timeout}. Calls so far:\n{calls}\n{diagnostics()}");
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // Managed HttpListener on Linux can fail to unregister its prefix when another socket
            // took the port in between ("Address already in use"); the listener is closed anyway.
        }

        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's disposal exception.
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var url = context.Request.RawUrl ?? string.Empty;
            var queryStart = url.IndexOf('?', StringComparison.Ordinal);
            var query = HttpUtility.ParseQueryString(queryStart >= 0 ? url[(queryStart + 1)..] : string.Empty);
            context.Response.StatusCode = 200;
            context.Response.Close();

            TaskCompletionSource signal;
            lock (_gate)
            {
                _calls.Add(new DlrCallback(url, query));
                signal = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            signal.TrySetResult();
        }
    }
}
