using System.Net;
using System.Net.Sockets;
using IdP.Smpp.Pdus;

namespace IdP.Smpp.Tests.Session;

/// <summary>A raw, hand-driven SMSC for one connection: the test reads and writes PDUs itself.</summary>
internal sealed class ScriptedSmsc : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private Socket? _socket;
    private NetworkStream? _stream;
    private readonly List<byte> _buffer = [];

    public ScriptedSmsc() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task AcceptAsync()
    {
        if (_stream is not null) await _stream.DisposeAsync();
        _buffer.Clear();
        _socket = await _listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _stream = new NetworkStream(_socket, ownsSocket: true);
    }

    public async Task<Pdu> ReadAsync()
    {
        var chunk = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            byte[] current = [.. _buffer];
            if (SmppFrameDecoder.TryDecode(current, out var pdu, out int consumed))
            {
                _buffer.RemoveRange(0, consumed);
                return pdu!;
            }
            int read = await _stream!.ReadAsync(chunk, timeout.Token);
            if (read == 0) throw new EndOfStreamException("client closed");
            _buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }
    }

    /// <summary>Reads PDUs until one of type <typeparamref name="T"/>, answering enquire_link on the way.</summary>
    public async Task<T> ReadAsync<T>() where T : Pdu
    {
        while (true)
        {
            var pdu = await ReadAsync();
            if (pdu is T wanted) return wanted;
            if (pdu is EnquireLink) await WriteAsync(new EnquireLinkResp { SequenceNumber = pdu.SequenceNumber });
        }
    }

    public async Task WriteAsync(Pdu pdu) => await _stream!.WriteAsync(PduCodec.Encode(pdu));

    public async Task WriteRawAsync(byte[] bytes) => await _stream!.WriteAsync(bytes);

    public async Task BindAsync()
    {
        await AcceptAsync();
        var bind = await ReadAsync<BindRequest>();
        await WriteAsync(new BindResponse(CommandId.BindTransceiverResp) { SequenceNumber = bind.SequenceNumber, SystemId = "SCRIPT" });
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null) await _stream.DisposeAsync();
        _listener.Stop();
    }
}
