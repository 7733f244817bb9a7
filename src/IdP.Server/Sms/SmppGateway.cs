using IdP.Authentication.Phones;
using IdP.Authentication.Sms;
using IdP.Data;
using IdP.Data.Entities;
using IdP.Smpp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IdP.Server.Sms;

/// <summary>
/// This node's SMS channel: one long-lived SMPP bind (never one per message, unlike Gluu's script), run while the
/// <c>smpp</c> script is enabled and has a system_id, rebound when its connection properties change, stopped when
/// it is disabled. The settings are re-read every few seconds, so <c>acr set-property smpp …</c> on any node or the
/// command line reaches every node without a restart. Delivery receipts update the SMS records (a receipt may belong
/// to a message another node sent), and the session state is written to the node table on every change and as a
/// heartbeat, for the admin console of any node.
/// </summary>
public sealed class SmppGateway : ISmsSender, IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly IServiceScopeFactory _scopes;
    private readonly SmppGatewayOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SmppReceiptQueue _receipts;
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private volatile ActiveSession? _active;
    private volatile SmsGatewayStatus _idle = new(GatewayStates.Starting, false, "The node has not read the smpp script's settings yet.", null);
    private long _submittedBefore;
    private long _receiptsBefore;
    private (string State, string? Detail)? _written;
    private string? _settingsError;
    private Task _loop = Task.CompletedTask;
    private int _started;
    private Task? _stop;

    public SmppGateway(IServiceScopeFactory scopes, IOptions<SmppGatewayOptions> options, ILoggerFactory loggers, TimeProvider time)
    {
        _scopes = scopes;
        _options = options.Value;
        _loggers = loggers;
        _logger = loggers.CreateLogger<SmppGateway>();
        _time = time;
        NodeName = _options.ResolveNodeName();
        _receipts = new SmppReceiptQueue(SmppReceiptQueue.ToRecords(scopes), _options, _logger, time, _stopping.Token);
    }

    /// <summary>This node's name in the node table and in SMS records.</summary>
    public string NodeName { get; }

    /// <inheritdoc />
    public SmsGatewayStatus Status => _active is { } active ? active.Describe() : _idle;

    /// <summary>submit_sm this node's sessions had accepted (one per segment), since the process started.</summary>
    public long Submitted => Interlocked.Read(ref _submittedBefore) + (_active?.Client.Counters.Submitted ?? 0);

    /// <summary>Delivery receipts this node's sessions received, since the process started.</summary>
    public long ReceiptsReceived => Interlocked.Read(ref _receiptsBefore) + (_active?.Client.Counters.Receipts ?? 0);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        _receipts.Start();

        // The first reading happens before the server takes requests, so /health and the first send know the state.
        await ReconcileAsync(cancellationToken);
        await WriteNodeStateAsync(force: true, cancellationToken);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Unbinds and writes the final node state; a second call (the host may stop twice) waits for the first.</summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _started) == 0)
        {
            return Task.CompletedTask;
        }

        Task stop;
        lock (_gate)
        {
            stop = _stop ??= StopCoreAsync();
        }

        return stop.WaitAsync(cancellationToken);
    }

    private async Task StopCoreAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        var active = _active;
        _idle = new SmsGatewayStatus(GatewayStates.Stopped, false, "The node stopped; it keeps no SMPP session.", active?.Endpoint ?? _idle.Endpoint);
        if (active is not null)
        {
            await StopSessionAsync(active, "the node is stopping.");
        }

        await _receipts.CompleteAsync(TimeSpan.FromSeconds(5));
        await WriteNodeStateAsync(force: true, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }

    /// <inheritdoc />
    public async Task<SmsSendResult> SendAsync(SmsSendRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var masked = PhoneNumberRules.Mask(request.Destination);
        var result = await SendOnceAsync(request, ct);
        if (result.Result.Outcome == SmsSendOutcome.Unavailable && result.Result.MessageIds.Count == 0 && _active is not null && !ReferenceEquals(result.Session, _active))
        {
            // The session was replaced while the message waited (settings changed): nothing was sent, so one more try is safe.
            result = await SendOnceAsync(request, ct);
        }

        if (result.Result.Outcome == SmsSendOutcome.Accepted)
        {
            SmppGatewayLog.Sent(_logger, masked, result.Result.Outcome, result.Result.Segments, string.Join(' ', result.Result.MessageIds));
        }
        else
        {
            SmppGatewayLog.NotSent(_logger, masked, result.Result.Outcome, result.Result.Error);
        }

        return result.Result;
    }

    private async Task<SendAttempt> SendOnceAsync(SmsSendRequest request, CancellationToken ct)
    {
        var active = await WaitForSessionAsync(ct);
        if (active is null)
        {
            var status = Status;
            return new SendAttempt(null, new SmsSendResult(SmsSendOutcome.Unavailable, [], 0, status.Detail ?? $"No SMPP session on this node ({status.State}).", NodeName));
        }

        return new SendAttempt(active, await SmppSubmission.SendAsync(active.Client, request, active.Endpoint, NodeName, ct));
    }

    /// <summary>The running session; while one is being replaced, waits for its successor up to the bind wait.</summary>
    private async Task<ActiveSession?> WaitForSessionAsync(CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            if (_active is { } active)
            {
                return active;
            }

            if (_idle.State != GatewayStates.Rebinding || _time.GetElapsedTime(started) >= _options.BindWait)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, ct);
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var poll = _options.SettingsPollInterval;
        var heartbeat = _options.HeartbeatInterval;
        var sincePoll = _time.GetTimestamp();
        var sinceBeat = sincePoll;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var untilPoll = poll - _time.GetElapsedTime(sincePoll);
                var untilBeat = heartbeat - _time.GetElapsedTime(sinceBeat);
                var wait = untilPoll < untilBeat ? untilPoll : untilBeat;
                await WaitForChangeAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, ct);
                if (_time.GetElapsedTime(sincePoll) >= poll)
                {
                    await ReconcileAsync(ct);
                    sincePoll = _time.GetTimestamp();
                }

                ObserveSession();
                var beat = _time.GetElapsedTime(sinceBeat) >= heartbeat;
                await WriteNodeStateAsync(beat, ct);
                if (beat)
                {
                    sinceBeat = _time.GetTimestamp();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The loop must outlive any surprise: the session and the node row depend on it.
                SmppGatewayLog.LoopFailed(_logger, ex);
                await Task.Delay(_options.SettingsPollInterval, _time, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Brings the session in line with the <c>smpp</c> script's settings: start, rebind, stop or nothing.</summary>
    private async Task ReconcileAsync(CancellationToken ct)
    {
        SmppSettingsSnapshot read;
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            read = await scope.ServiceProvider.GetRequiredService<SmppSettingsReader>().ReadAsync(null, fresh: false, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            if (_settingsError != ex.Message)
            {
                _settingsError = ex.Message;
                SmppGatewayLog.SettingsUnreadable(_logger, ex.Message);
            }

            if (_active is null)
            {
                SetIdle(new SmsGatewayStatus(GatewayStates.Unknown, false, $"The node cannot read the smpp script's settings: {ex.Message}", _idle.Endpoint));
            }

            return;
        }

        _settingsError = null;
        var current = _active;
        if (read is { Enabled: true, State: SmppSettingsState.Configured })
        {
            var key = read.Settings!.ConnectionKey;
            if (current?.Key == key)
            {
                return;
            }

            if (current is not null)
            {
                SmppGatewayLog.Rebinding(_logger, read.Endpoint!);
                SetIdle(new SmsGatewayStatus(GatewayStates.Rebinding, false, $"Rebinding to {read.Endpoint}: the smpp script's connection properties changed.", read.Endpoint));
                await StopSessionAsync(current, "the smpp script's connection properties changed.");
            }

            StartSession(read, key);
            return;
        }

        var idle = !read.Enabled
            ? new SmsGatewayStatus(GatewayStates.Disabled, false, "The smpp script is disabled: this node keeps no SMPP session. Enable it with `acr enable smpp` once its properties are set.", read.Endpoint)
            : new SmsGatewayStatus(read.State.ToString(), false, read.Problem, read.Endpoint);
        var changed = _idle.State != idle.State || _idle.Detail != idle.Detail;
        SetIdle(idle);
        if (current is not null)
        {
            await StopSessionAsync(current, read.Enabled ? read.Problem ?? "the smpp script cannot bind." : "the smpp script was disabled.");
        }

        if (changed)
        {
            if (!read.Enabled)
            {
                SmppGatewayLog.Disabled(_logger);
            }
            else if (read.State == SmppSettingsState.NotConfigured)
            {
                SmppGatewayLog.NotConfigured(_logger, read.Problem!);
            }
            else
            {
                SmppGatewayLog.InitializationFailed(_logger, read.Problem!);
            }
        }
    }

    private void StartSession(SmppSettingsSnapshot read, string key)
    {
        var endpoint = read.Endpoint!;
        SmppClient client;
        try
        {
            client = new SmppClient(read.ClientOptions!, _loggers.CreateLogger<SmppClient>(), _time);
        }
        catch (InvalidOperationException ex)
        {
            var problem = SmppClientOptionsFactory.ToPropertyNames(ex.Message);
            SetIdle(new SmsGatewayStatus(GatewayStates.Misconfigured, false, problem, endpoint));
            SmppGatewayLog.InitializationFailed(_logger, problem);
            return;
        }

        var session = new ActiveSession(client, key, endpoint, read.Settings!.SystemIdValue);
        client.ConnectionStateChanged += (_, e) => OnStateChanged(session, e);
        client.DeliveryReceiptHandler = _receipts.EnqueueAsync;
        SmppGatewayLog.Initializing(_logger, NodeName, endpoint, session.SystemId, read.Settings.Tls);
        _active = session;

        // Returns at once: the client connects, binds and re-binds (with backoff) in the background.
        _ = client.StartAsync(CancellationToken.None);
        Notify();
    }

    private async Task StopSessionAsync(ActiveSession session, string reason)
    {
        if (ReferenceEquals(_active, session))
        {
            _active = null;
        }

        try
        {
            // Unbinds (waits up to 5 s for unbind_resp), then closes; sends still waiting fail as not sent.
            await session.Client.StopAsync(CancellationToken.None).WaitAsync(StopTimeout, _time);
        }
        catch (TimeoutException)
        {
            // The connection is abandoned; the SMSC drops it on its side.
        }

        Interlocked.Add(ref _submittedBefore, session.Client.Counters.Submitted);
        Interlocked.Add(ref _receiptsBefore, session.Client.Counters.Receipts);
        SmppGatewayLog.Stopped(_logger, session.Endpoint, reason);
        Notify();
    }

    /// <summary>On the client's thread: must be quick and never throw.</summary>
    private void OnStateChanged(ActiveSession session, SmppConnectionStateChangedEventArgs e)
    {
        if (!ReferenceEquals(session, _active))
        {
            return;
        }

        var reason = e.Reason ?? e.Current.ToString();
        if (ActiveSession.IsSending(e.Current))
        {
            session.BoundReason = reason;
            session.LoggedError = null;
            if (!session.EverBound)
            {
                session.EverBound = true;
                SmppGatewayLog.Initialized(_logger, session.Endpoint, session.SystemId, reason);
            }
            else
            {
                SmppGatewayLog.Rebound(_logger, session.Endpoint, reason);
            }
        }
        else if (e.Current == SmppSessionState.Closed && ActiveSession.IsSending(e.Previous))
        {
            session.LoggedError = reason;
            SmppGatewayLog.SessionLost(_logger, session.Endpoint, Sentence(reason));
        }

        Notify();
    }

    /// <summary>A failed TCP connect changes no session state: the loop looks at the client's last error instead.</summary>
    private void ObserveSession()
    {
        var session = _active;
        if (session is null || ActiveSession.IsSending(session.Client.State) || session.Client.LastError is not { } error || error == session.LoggedError)
        {
            return;
        }

        session.LoggedError = error;
        if (!session.EverBound)
        {
            SmppGatewayLog.InitializationFailed(_logger, $"cannot bind to {session.Endpoint} as '{session.SystemId}': {Sentence(error)} {ActiveSession.Hint(error)}");
        }
    }

    /// <summary>Upserts this node's row when the state changed since the last write, or always on a heartbeat.</summary>
    private async Task WriteNodeStateAsync(bool force, CancellationToken ct)
    {
        var status = Status;
        var written = (status.State, status.Detail);
        if (!force && _written == written)
        {
            return;
        }

        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdPDbContext>();
            var row = await db.SmppNodes.FirstOrDefaultAsync(n => n.Node == NodeName, ct);
            if (row is null)
            {
                row = new SmppNodeState { Node = NodeName };
                db.SmppNodes.Add(row);
            }

            row.State = Truncate(status.State, 32)!;
            row.Detail = Truncate(status.Detail, 512);
            row.Endpoint = Truncate(status.Endpoint, 300);
            row.Submitted = Submitted;
            row.Receipts = ReceiptsReceived;
            row.UpdatedAt = _time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            _written = written;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            SmppGatewayLog.NodeStateFailed(_logger, NodeName, ex);
        }
    }

    private void SetIdle(SmsGatewayStatus status)
    {
        _idle = status;
        Notify();
    }

    private void Notify()
    {
        lock (_gate)
        {
            _changed.TrySetResult();
        }
    }

    private async Task WaitForChangeAsync(TimeSpan timeout, CancellationToken ct)
    {
        Task signal;
        lock (_gate)
        {
            signal = _changed.Task;
        }

        if (!signal.IsCompleted && timeout > TimeSpan.Zero)
        {
            try
            {
                await signal.WaitAsync(timeout, _time, ct);
            }
            catch (TimeoutException)
            {
                // Time for the next poll or heartbeat.
            }
        }

        ct.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_changed.Task.IsCompleted)
            {
                _changed = NewSignal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    internal static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }

    private sealed record SendAttempt(ActiveSession? Session, SmsSendResult Result);
}
