using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace VirtRigaud.Grpc.Tests.Server;

/// <summary>
/// A bare HTTP/2 client over TCP (h2c with prior knowledge) that writes and reads frames by hand, for the assertions
/// HttpClient hides: which frames a response consists of and which flags they carry (RFC 9113 §4, §6).
/// Request headers use HPACK literals without indexing or Huffman coding (RFC 7541 §6.2.2), so no encoder state.
/// </summary>
internal sealed class RawHttp2Connection : IAsyncDisposable
{
    public const byte Data = 0x0;
    public const byte Headers = 0x1;
    public const byte RstStream = 0x3;
    public const byte Settings = 0x4;
    public const byte Ping = 0x6;
    public const byte GoAway = 0x7;
    public const byte EndStream = 0x1;
    public const byte EndHeaders = 0x4;
    public const byte Ack = 0x1;

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawHttp2Connection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawHttp2Connection> ConnectAsync(Uri address, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, cancellationToken);
        var connection = new RawHttp2Connection(tcp);
        await connection._stream.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray(), cancellationToken);
        await connection.WriteFrameAsync(Settings, 0, 0, [], cancellationToken);
        return connection;
    }

    /// <summary>Sends a gRPC request on <paramref name="streamId"/>: HEADERS, then one DATA frame with END_STREAM.</summary>
    public async Task SendGrpcRequestAsync(int streamId, string authority, string path, byte[] body, CancellationToken cancellationToken, params (string Name, string Value)[] extraHeaders)
    {
        (string, string)[] headers =
        [
            (":method", "POST"),
            (":scheme", "http"),
            (":path", path),
            (":authority", authority),
            ("content-type", "application/grpc"),
            ("te", "trailers"),
            .. extraHeaders,
        ];
        var block = new MemoryStream();
        foreach (var (name, value) in headers)
        {
            block.WriteByte(0x00);
            WriteString(block, name);
            WriteString(block, value);
        }

        await WriteFrameAsync(Headers, EndHeaders, streamId, block.ToArray(), cancellationToken);
        await WriteFrameAsync(Data, EndStream, streamId, body, cancellationToken);
    }

    /// <summary>
    /// The frames the server sends on <paramref name="streamId"/> until it ends (END_STREAM) and, when
    /// <paramref name="untilReset"/>, until a RST_STREAM follows. Settings are acknowledged on the way.
    /// </summary>
    public async Task<List<(byte Type, byte Flags, byte[] Payload)>> ReadStreamAsync(int streamId, bool untilReset, CancellationToken cancellationToken)
    {
        var frames = new List<(byte Type, byte Flags, byte[] Payload)>();
        var ended = false;
        while (true)
        {
            var (type, flags, id, payload) = await ReadFrameAsync(cancellationToken);
            if (id == 0)
            {
                if (type == Settings && (flags & Ack) == 0)
                {
                    await WriteFrameAsync(Settings, Ack, 0, [], cancellationToken);
                }

                Assert.NotEqual(GoAway, type);
                continue;
            }

            if (id != streamId)
            {
                continue;
            }

            frames.Add((type, flags, payload));
            if (type == RstStream)
            {
                return frames;
            }

            ended |= type is Headers or Data && (flags & EndStream) != 0;
            if (ended && !untilReset)
            {
                return frames;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task WriteFrameAsync(byte type, byte flags, int streamId, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[9 + payload.Length];
        frame[0] = (byte)(payload.Length >> 16);
        frame[1] = (byte)(payload.Length >> 8);
        frame[2] = (byte)payload.Length;
        frame[3] = type;
        frame[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(5), streamId);
        payload.CopyTo(frame, 9);
        await _stream.WriteAsync(frame, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    private async Task<(byte Type, byte Flags, int StreamId, byte[] Payload)> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var header = new byte[9];
        await _stream.ReadExactlyAsync(header, cancellationToken);
        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload, cancellationToken);
        return (header[3], header[4], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & 0x7FFFFFFF, payload);
    }

    private static void WriteString(MemoryStream block, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value);
        Assert.True(bytes.Length < 127, "a one-byte HPACK length prefix");
        block.WriteByte((byte)bytes.Length);
        block.Write(bytes);
    }
}
