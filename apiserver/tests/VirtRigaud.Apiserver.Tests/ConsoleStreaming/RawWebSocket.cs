using System.Buffers.Binary;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace VirtRigaud.Apiserver.Tests.ConsoleStreaming;

/// <summary>
/// A WebSocket client written against RFC 6455 directly, for what <see cref="System.Net.WebSockets.ClientWebSocket"/>
/// hides: the control frames (the server's Pings) and a client that stops answering them.
/// </summary>
internal sealed class RawWebSocket : IAsyncDisposable
{
    public const byte Continuation = 0x0, Text = 0x1, Binary = 0x2, Close = 0x8, Ping = 0x9, Pong = 0xA;

    private readonly TcpClient _tcp;
    private readonly SslStream _stream;

    private RawWebSocket(TcpClient tcp, SslStream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    /// <summary>Upgrades <paramref name="path"/> over HTTP/1.1 and TLS with <paramref name="certificate"/>; fails unless the answer is 101.</summary>
    public static async Task<RawWebSocket> ConnectAsync(int port, string path, X509Certificate2 certificate, X509Certificate2 ca, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", port, cancellationToken);
            var stream = new SslStream(tcp.GetStream());
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                ClientCertificates = [certificate],
                ApplicationProtocols = [SslApplicationProtocol.Http11],
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && Chains(presented, ca),
            }, cancellationToken);
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one, cancellationToken) == 0)
                {
                    throw new IOException("the server closed during the handshake: " + head);
                }

                head.Append((char)one[0]);
            }

            Assert.StartsWith("HTTP/1.1 101", head.ToString(), StringComparison.Ordinal);
            return new RawWebSocket(tcp, stream);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>The next frame (opcode and payload), or null when the server closed the connection.</summary>
    public async Task<(byte Opcode, byte[] Payload)?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        var header = new byte[2];
        if (!await ReadExactlyOrEndAsync(header, cancellationToken))
        {
            return null;
        }

        var opcode = (byte)(header[0] & 0x0F);
        Assert.Equal(0, header[1] & 0x80); // a server never masks its frames
        long length = header[1] & 0x7F;
        if (length == 126)
        {
            var extended = new byte[2];
            await _stream.ReadExactlyAsync(extended, cancellationToken);
            length = BinaryPrimitives.ReadUInt16BigEndian(extended);
        }
        else if (length == 127)
        {
            var extended = new byte[8];
            await _stream.ReadExactlyAsync(extended, cancellationToken);
            length = (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        var payload = new byte[length];
        await _stream.ReadExactlyAsync(payload, cancellationToken);
        return (opcode, payload);
    }

    /// <summary>Sends one final frame, masked as a client must.</summary>
    public async Task SendFrameAsync(byte opcode, byte[] payload, CancellationToken cancellationToken)
    {
        Assert.True(payload.Length < 126, "short frames only");
        var mask = RandomNumberGenerator.GetBytes(4);
        var frame = new byte[2 + 4 + payload.Length];
        frame[0] = (byte)(0x80 | opcode);
        frame[1] = (byte)(0x80 | payload.Length);
        mask.CopyTo(frame, 2);
        for (var i = 0; i < payload.Length; i++)
        {
            frame[6 + i] = (byte)(payload[i] ^ mask[i % 4]);
        }

        await _stream.WriteAsync(frame, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private async Task<bool> ReadExactlyOrEndAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            var read = await _stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            return read == buffer.Length;
        }
        catch (IOException)
        {
            // Aborted connections surface as a reset.
            return false;
        }
    }

    private static bool Chains(X509Certificate presented, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(X509CertificateLoader.LoadCertificate(presented.GetRawCertData()));
    }
}
