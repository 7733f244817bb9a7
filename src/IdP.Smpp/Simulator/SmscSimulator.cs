using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using IdP.Smpp.Logging;
using IdP.Smpp.Pdus;
using IdP.Smpp.Session;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IdP.Smpp.Simulator;

/// <summary>
/// A small SMPP 3.4 SMSC for development and tests: accepts binds against configured credentials, answers submit_sm
/// and data_sm with ids, sends delivery receipts, injects faults, and records what it received. Hostile bytes close
/// the offending connection, never the server.
/// </summary>
public sealed class SmscSimulator : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly object _lock = new();
    private readonly List<SimulatedMessage> _messages = [];
    private readonly List<(Func<SimulatedMessage, bool> Predicate, TaskCompletionSource<SimulatedMessage> Completion)> _waiters = [];
    private readonly HashSet<SimulatorSession> _sessions = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextId;
    private long _submitCount;
    private int _submitsSinceDropArmed;
    private int _connectionCounter;
    private long _enquireLinks;

    /// <summary>Creates the simulator; call <see cref="StartAsync"/>.</summary>
    public SmscSimulator(SmscSimulatorOptions options, ILogger<SmscSimulator>? logger = null, TimeProvider? time = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _nextId = options.FirstMessageId;
    }

    /// <summary>The live options: change fault settings here while running.</summary>
    public SmscSimulatorOptions Options { get; }

    /// <summary>The port listened on (after <see cref="StartAsync"/>).</summary>
    public int Port { get; private set; }

    /// <summary>Messages accepted so far, in arrival order.</summary>
    public IReadOnlyList<SimulatedMessage> Messages { get { lock (_lock) return _messages.ToArray(); } }

    /// <summary>Open connections.</summary>
    public int ActiveSessions { get { lock (_lock) return _sessions.Count; } }

    /// <summary>enquire_link requests received so far.</summary>
    public long EnquireLinksReceived => Interlocked.Read(ref _enquireLinks);

    /// <summary>Raised for every accepted message (on the connection's reader thread; keep handlers short).</summary>
    public event EventHandler<SimulatedMessage>? MessageReceived;

    /// <summary>Answer every Nth submit with ESME_RTHROTTLED (0 = off).</summary>
    public int ThrottleEveryNth { get => Options.ThrottleEveryNth; set => Options.ThrottleEveryNth = value; }

    /// <summary>Reject every submit with this status (null = accept).</summary>
    public uint? RejectStatus { get => Options.RejectStatus; set => Options.RejectStatus = value; }

    /// <summary>Delay before each submit_sm_resp.</summary>
    public TimeSpan ResponseDelay { get => Options.ResponseDelay; set => Options.ResponseDelay = value; }

    /// <summary>Drop the connection after this many accepted submits (one-shot).</summary>
    public int? DropConnectionAfterSubmits
    {
        get => Options.DropConnectionAfterSubmits;
        set
        {
            lock (_lock)
            {
                Options.DropConnectionAfterSubmits = value;
                _submitsSinceDropArmed = 0;
            }
        }
    }

    /// <summary>Starts listening.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_listener is not null) throw new InvalidOperationException("The simulator is already started.");
        _listener = new TcpListener(IPAddress.Parse(Options.ListenAddress), Options.Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        SmppLog.SimulatorListening(_logger, _listener.LocalEndpoint.ToString() ?? string.Empty);
        _acceptLoop = Task.Run(() => AcceptLoopAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Waits for a message matching <paramref name="predicate"/> (already received or future).</summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="timeout"/>.</exception>
    public async Task<SimulatedMessage> WaitForMessageAsync(Func<SimulatedMessage, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var completion = new TaskCompletionSource<SimulatedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var existing = _messages.FirstOrDefault(predicate);
            if (existing is not null) return existing;
            _waiters.Add((predicate, completion));
        }
        try
        {
            return await completion.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock) _waiters.RemoveAll(w => w.Completion == completion);
        }
    }

    /// <summary>Sends an SMSC-initiated unbind to every bound ESME (they should answer and reconnect).</summary>
    public void UnbindAll()
    {
        SimulatorSession[] sessions;
        lock (_lock) sessions = [.. _sessions];
        foreach (var session in sessions) session.SendUnbind();
    }

    /// <summary>Stops listening and closes every connection.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener?.Stop();
        SimulatorSession[] sessions;
        lock (_lock) sessions = [.. _sessions];
        foreach (var session in sessions) session.Connection?.Close("simulator stopped");
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    internal static string FormatId(long id, SimulatorMessageIdFormat format) =>
        format == SimulatorMessageIdFormat.Hex ? id.ToString("x", CultureInfo.InvariantCulture) : id.ToString(CultureInfo.InvariantCulture);

    internal string NextMessageId(out long numeric)
    {
        numeric = Interlocked.Increment(ref _nextId) - 1;
        return FormatId(numeric, Options.MessageIdFormat);
    }

    internal void CountEnquireLink() => Interlocked.Increment(ref _enquireLinks);

    internal long CountSubmit() => Interlocked.Increment(ref _submitCount);

    internal bool ShouldDrop(out int count)
    {
        lock (_lock)
        {
            count = ++_submitsSinceDropArmed;
            if (Options.DropConnectionAfterSubmits is { } limit && count >= limit)
            {
                Options.DropConnectionAfterSubmits = null;
                _submitsSinceDropArmed = 0;
                return true;
            }
            return false;
        }
    }

    internal void Record(SimulatedMessage message)
    {
        List<TaskCompletionSource<SimulatedMessage>> matched = [];
        lock (_lock)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Predicate(message)).ToList())
            {
                matched.Add(waiter.Completion);
                _waiters.Remove(waiter);
            }
        }
        foreach (var completion in matched) completion.TrySetResult(message);
        try
        {
            MessageReceived?.Invoke(this, message);
        }
        catch (Exception ex)
        {
            SmppLog.HandlerFailed(_logger, nameof(MessageReceived), ex);
        }
    }

    internal void ScheduleReceipt(SimulatorSession origin, DeliverSm receipt)
    {
        var delay = Options.ReceiptDelay;
        if (delay <= TimeSpan.Zero)
        {
            Deliver(origin, receipt);
            return;
        }
        _ = DeliverLaterAsync(origin, receipt, delay);
    }

    /// <summary>Sends the receipt on the originating connection if it can receive, else on another receiver bound with the same system_id.</summary>
    internal void Deliver(SimulatorSession origin, DeliverSm receipt)
    {
        if (origin.TryDeliver(receipt)) return;
        SimulatorSession[] candidates;
        lock (_lock) candidates = _sessions.Where(s => s != origin && s.CanReceive && s.SystemId == origin.SystemId).ToArray();
        foreach (var candidate in candidates)
        {
            if (candidate.TryDeliver(receipt)) return;
        }
    }

    private async Task DeliverLaterAsync(SimulatorSession origin, DeliverSm receipt, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stop.Token).ConfigureAwait(false);
            Deliver(origin, receipt);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (cancellationToken.IsCancellationRequested) return;
                SmppLog.SimulatorAcceptFailed(_logger, ex.Message);
                continue;
            }
            socket.NoDelay = true;
            _ = Task.Run(() => ServeAsync(socket, cancellationToken), CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        string name = $"smsc#{Interlocked.Increment(ref _connectionCounter)}";
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            if (Options.ServerCertificate is { } certificate)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                handshakeTimeout.CancelAfter(TimeSpan.FromSeconds(10));
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }, handshakeTimeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            SmppLog.SimulatorAcceptFailed(_logger, $"{name}: TLS handshake failed ({ex.Message}); is the client using plain TCP?");
            await stream.DisposeAsync().ConfigureAwait(false);
            return;
        }
        var session = new SimulatorSession(this, _logger, _time);
        var connection = new SmppConnection(stream, name, session, _logger, _time);
        session.Connection = connection;
        lock (_lock) _sessions.Add(session);
        try
        {
            connection.Start();
            var unboundTimer = Task.Delay(Options.UnboundTimeout, _time, cancellationToken);
            var first = await Task.WhenAny(connection.Closed, unboundTimer).ConfigureAwait(false);
            if (first == unboundTimer && session.BoundAs is null && !unboundTimer.IsCanceled)
            {
                connection.Close($"no bind within {Options.UnboundTimeout.TotalSeconds:0.#} s");
            }
            await connection.Closed.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            connection.Close("simulator stopped");
        }
        finally
        {
            lock (_lock) _sessions.Remove(session);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
