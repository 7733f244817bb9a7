using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using IdP.Smpp.Logging;
using IdP.Smpp.Pdus;
using Microsoft.Extensions.Logging;

namespace IdP.Smpp.Session;

/// <summary>
/// The transport of one SMPP connection: one reader loop (System.IO.Pipelines, frames by command_length) and one
/// writer loop (a Channel, so PDUs never interleave). Knows nothing about binds or windows; used by the client and
/// the simulator alike. A peer that sends requests but does not read our responses cannot grow the outbound queue past
/// <see cref="MaxQueuedOutbound"/>: the reader then waits for the writer, and TCP pushes back on the peer.
/// </summary>
internal sealed class SmppConnection : IAsyncDisposable
{
    /// <summary>PDUs queued for the writer at most before the reader stops taking the peer's PDUs.</summary>
    public const int MaxQueuedOutbound = 1024;

    private readonly Stream _stream;
    private readonly IPduHandler _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<Outbound> _outbound = Channel.CreateUnbounded<Outbound>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reader = Task.CompletedTask;
    private Task _writer = Task.CompletedTask;
    private TaskCompletionSource? _writerProgress;
    private int _queued;
    private long _lastActivity;
    private int _closing;

    public SmppConnection(Stream stream, string name, IPduHandler handler, ILogger logger, TimeProvider time)
    {
        _stream = stream;
        Name = name;
        _handler = handler;
        _logger = logger;
        _time = time;
        _lastActivity = time.GetTimestamp();
    }

    public string Name { get; }

    /// <summary>Completes with the close reason once the connection is closed.</summary>
    public Task<string> Closed => _closed.Task;

    /// <summary>The framing error that closed the connection, if that is what closed it.</summary>
    public SmppFramingException? FramingError { get; private set; }

    public bool IsClosed => Volatile.Read(ref _closing) != 0;

    /// <summary>PDUs waiting for the writer.</summary>
    public int QueuedOutbound => Volatile.Read(ref _queued);

    /// <summary>Time since the last PDU was read or written.</summary>
    public TimeSpan IdleTime => _time.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    public void Start()
    {
        _reader = Task.Run(ReadLoopAsync);
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>
    /// Queues a PDU for the writer loop. <paramref name="written"/> (optional) completes once the bytes were handed to
    /// the socket. Returns false when the connection is closed (nothing will be sent).
    /// </summary>
    public bool TrySend(Pdu pdu, TaskCompletionSource? written = null)
    {
        Interlocked.Increment(ref _queued);
        if (_outbound.Writer.TryWrite(new Outbound(pdu, written))) return true;
        Interlocked.Decrement(ref _queued);
        return false;
    }

    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0) return;
        SmppLog.ConnectionClosed(_logger, Name, reason);
        _outbound.Writer.TryComplete();
        _cts.Cancel();
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // Already broken: nothing more to release.
        }
        _closed.TrySetResult(reason);
    }

    /// <summary>Lets queued PDUs (for example unbind_resp) reach the socket before closing, bounded by <paramref name="timeout"/>.</summary>
    public async Task FlushAndCloseAsync(string reason, TimeSpan timeout)
    {
        _outbound.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(timeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Closing anyway.
        }
        Close(reason);
    }

    public async ValueTask DisposeAsync()
    {
        Close("disposed");
        try
        {
            await Task.WhenAll(_reader, _writer).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Loops end with these when the stream is torn down.
        }
        _cts.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        string reason = "peer closed the connection";
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_cts.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (!IsClosed && SmppFrameDecoder.TryReadFrame(ref buffer, out var frame))
                {
                    Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
                    Dispatch(frame);
                    if (QueuedOutbound >= MaxQueuedOutbound) await WaitForWriterAsync().ConfigureAwait(false);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty) reason = $"peer closed the connection in the middle of a PDU ({buffer.Length} octets pending)";
                    break;
                }
            }
        }
        catch (SmppFramingException ex)
        {
            SmppLog.FramingError(_logger, Name, ex.Message);
            FramingError = ex;
            reason = ex.Message;
        }
        catch (OperationCanceledException)
        {
            reason = "closed locally";
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            reason = "I/O error: " + ex.Message;
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            Close(reason);
        }
    }

    /// <summary>Back-pressure: waits until the writer has taken the queue below its limit (or the connection closed).</summary>
    private async Task WaitForWriterAsync()
    {
        while (!IsClosed && QueuedOutbound >= MaxQueuedOutbound)
        {
            var progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _writerProgress, progress);
            // Re-checked after publishing the signal: the writer may have taken a batch in between.
            if (QueuedOutbound < MaxQueuedOutbound) break;
            await progress.Task.WaitAsync(_cts.Token).ConfigureAwait(false);
        }
    }

    private void Dispatch(in ReadOnlySequence<byte> frame)
    {
        if (_logger.IsEnabled(LogLevel.Debug)) Dump("<-", frame.ToArray());
        Pdu pdu;
        try
        {
            pdu = PduCodec.Decode(frame);
        }
        catch (SmppFramingException)
        {
            throw;
        }
        catch (SmppDecodeException ex)
        {
            SmppLog.MalformedPdu(_logger, Name, ex.Message);
            if (ex.SequenceNumber is { } seq && ex.CommandId is { } id && ((uint)id & 0x80000000u) == 0)
            {
                TrySend(new GenericNack { CommandStatus = CommandStatus.InvalidCommandLength, SequenceNumber = seq });
            }
            return;
        }
        try
        {
            _handler.OnPdu(this, pdu);
        }
        catch (Exception ex)
        {
            SmppLog.HandlerError(_logger, Name, pdu.ToString(), ex);
            Close("handler error: " + ex.Message);
        }
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (await _outbound.Reader.WaitToReadAsync(_cts.Token).ConfigureAwait(false))
            {
                // Batch what is queued into one write: fewer syscalls under load, same order.
                while (buffer.WrittenCount < 32 * 1024 && _outbound.Reader.TryRead(out var item))
                {
                    Interlocked.Decrement(ref _queued);
                    int start = buffer.WrittenCount;
                    try
                    {
                        PduCodec.Encode(item.Pdu, buffer);
                    }
                    catch (ArgumentException ex)
                    {
                        item.Written?.TrySetException(ex);
                        continue;
                    }
                    if (_logger.IsEnabled(LogLevel.Debug)) Dump("->", buffer.WrittenSpan[start..].ToArray());
                    // Marked before the write: once dequeued, the bytes may reach the peer even if the write fails,
                    // so a lost connection must treat the request's outcome as unknown.
                    item.Written?.TrySetResult();
                }
                if (buffer.WrittenCount == 0)
                {
                    Interlocked.Exchange(ref _writerProgress, null)?.TrySetResult();
                    continue;
                }
                await _stream.WriteAsync(buffer.WrittenMemory, _cts.Token).ConfigureAwait(false);
                await _stream.FlushAsync(_cts.Token).ConfigureAwait(false);
                Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());
                buffer.ResetWrittenCount();
                Interlocked.Exchange(ref _writerProgress, null)?.TrySetResult();
            }
        }
        catch (OperationCanceledException)
        {
            // Closed locally.
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
        {
            SmppLog.IoError(_logger, Name, ex.Message);
            Close("write failed: " + ex.Message);
        }
        finally
        {
            while (_outbound.Reader.TryRead(out var item))
            {
                Interlocked.Decrement(ref _queued);
                item.Written?.TrySetCanceled();
            }
        }
    }

    private void Dump(string direction, byte[] frame)
    {
        string description = frame.Length >= PduHeader.Length ? PduHeader.Read(frame).ToString() : "partial";
        SmppLog.PduDump(_logger, Name, direction, description, PduHexDump.Format(frame));
    }

    private readonly record struct Outbound(Pdu Pdu, TaskCompletionSource? Written);
}
