using System.Net.Security;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using VirtRigaud.Apiserver.Tests.Testing;

namespace VirtRigaud.Apiserver.Tests.ConsoleStreaming;

/// <summary>
/// A console client as users run one: <see cref="ClientWebSocket"/> over TLS with a client certificate, speaking one of
/// the console's subprotocols, decoding stdout and the error stream from the frames it receives.
/// </summary>
internal sealed class ConsoleClient : IAsyncDisposable
{
    private readonly StringBuilder _stdout = new();
    private readonly byte[] _buffer = new byte[64 * 1024];

    // An HTTP/2 WebSocket lives on a connection of this invoker's pool: it must outlive the session.
    private readonly HttpMessageInvoker? _invoker;

    private ConsoleClient(ClientWebSocket socket, HttpMessageInvoker? invoker)
    {
        Socket = socket;
        _invoker = invoker;
    }

    public ClientWebSocket Socket { get; }

    /// <summary>The negotiated subprotocol; empty for plain.</summary>
    public string Protocol => Socket.SubProtocol ?? "";

    /// <summary>Every message received on the error stream (channel subprotocols).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>How many messages arrived, and how many of them were empty stdout messages (the "streams open" signal).</summary>
    public int EmptyStdoutMessages { get; private set; }

    public string Stdout => _stdout.ToString();

    public static Uri Address(TestApiServer server, string ns, string name) =>
        new($"wss://127.0.0.1:{server.Port}/apis/infra.virtrigaud.io/v1beta1/namespaces/{ns}/virtualmachines/{name}/console");

    /// <summary>Connects over HTTP/1.1 (kubectl's and browsers' way), or HTTP/2 extended CONNECT with <paramref name="http2"/>.</summary>
    public static async Task<ConsoleClient> ConnectAsync(TestApiServer server, X509Certificate2 certificate, string ns, string name, string[] subprotocols, bool http2 = false)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var ca = server.CaCertificate;
        foreach (var protocol in subprotocols)
        {
            socket.Options.AddSubProtocol(protocol);
        }

        using var cancel = new CancellationTokenSource(ConsoleFixture.Patience);
        HttpMessageInvoker? invoker = null;
        try
        {
            if (http2)
            {
                socket.Options.HttpVersion = System.Net.HttpVersion.Version20;
                socket.Options.HttpVersionPolicy = System.Net.Http.HttpVersionPolicy.RequestVersionExact;
                invoker = new HttpMessageInvoker(new SocketsHttpHandler
                {
                    SslOptions = new SslClientAuthenticationOptions
                    {
                        ClientCertificates = [certificate],
                        RemoteCertificateValidationCallback = (_, presented, _, _) => Trusted(ca, presented),
                    },
                });
                await socket.ConnectAsync(Address(server, ns, name), invoker, cancel.Token);
            }
            else
            {
                socket.Options.ClientCertificates = [certificate];
                socket.Options.RemoteCertificateValidationCallback = (_, presented, _, _) => Trusted(ca, presented);
                await socket.ConnectAsync(Address(server, ns, name), cancel.Token);
            }
        }
        catch
        {
            socket.Dispose();
            invoker?.Dispose();
            throw;
        }

        return new ConsoleClient(socket, invoker);
    }

    /// <summary>Sends bytes typed into the console, framed for the negotiated subprotocol.</summary>
    public Task SendStdinAsync(string text) => SendAsync(0, Encoding.UTF8.GetBytes(text));

    /// <summary>Sends a terminal size (stream 4, client-go's TerminalSize JSON).</summary>
    public Task SendResizeAsync(int width, int height) => SendAsync(4, Encoding.UTF8.GetBytes($"{{\"Width\":{width},\"Height\":{height}}}"));

    /// <summary>v5's close signal for stdin: stream 255 carrying stream id 0.</summary>
    public Task SendCloseStdinAsync() => Socket.SendAsync(new byte[] { 255, 0 }.AsMemory(), WebSocketMessageType.Binary, true, CancellationToken.None).AsTask();

    /// <summary>Sends raw bytes as one message of <paramref name="type"/>, unframed.</summary>
    public Task SendRawAsync(byte[] message, WebSocketMessageType type) => Socket.SendAsync(message.AsMemory(), type, true, CancellationToken.None).AsTask();

    /// <summary>Reads until stdout contains <paramref name="text"/>; fails when the session ends first or time runs out.</summary>
    public async Task<string> ReadUntilAsync(string text)
    {
        using var cancel = new CancellationTokenSource(ConsoleFixture.Patience);
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (!await ReceiveOneAsync(cancel.Token))
            {
                throw new InvalidOperationException($"the console closed ({Socket.CloseStatus} {Socket.CloseStatusDescription}) before \"{text}\"; stdout so far: {Stdout}");
            }
        }

        return Stdout;
    }

    /// <summary>Reads every message until the server's close frame, answers it, and returns the close code and reason.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> ReadToCloseAsync()
    {
        using var cancel = new CancellationTokenSource(ConsoleFixture.Patience);
        while (await ReceiveOneAsync(cancel.Token))
        {
        }

        if (Socket.State == WebSocketState.CloseReceived)
        {
            await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancel.Token);
        }

        return (Socket.CloseStatus, Socket.CloseStatusDescription);
    }

    /// <summary>Closes from the client side (close handshake) and returns what the server answered.</summary>
    public async Task<(WebSocketCloseStatus? Status, string? Reason)> CloseAsync()
    {
        using var cancel = new CancellationTokenSource(ConsoleFixture.Patience);
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cancel.Token);
        return (Socket.CloseStatus, Socket.CloseStatusDescription);
    }

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        _invoker?.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task SendAsync(byte stream, byte[] payload)
    {
        if (Protocol.Length == 0 || Protocol == "plain.virtrigaud.io")
        {
            return Socket.SendAsync(payload.AsMemory(), WebSocketMessageType.Binary, true, CancellationToken.None).AsTask();
        }

        if (Protocol.Contains("base64", StringComparison.Ordinal))
        {
            var text = (char)('0' + stream) + Convert.ToBase64String(payload);
            return Socket.SendAsync(Encoding.ASCII.GetBytes(text).AsMemory(), WebSocketMessageType.Text, true, CancellationToken.None).AsTask();
        }

        return Socket.SendAsync(((byte[])[stream, .. payload]).AsMemory(), WebSocketMessageType.Binary, true, CancellationToken.None).AsTask();
    }

    /// <summary>Receives one whole message and files it; false at the close frame.</summary>
    private async Task<bool> ReceiveOneAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await Socket.ReceiveAsync(new ArraySegment<byte>(_buffer), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return false;
            }

            message.Write(_buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        var bytes = message.ToArray();
        if (Protocol.Length == 0 || Protocol == "plain.virtrigaud.io")
        {
            _stdout.Append(Encoding.UTF8.GetString(bytes));
            return true;
        }

        byte stream;
        byte[] payload;
        if (Protocol.Contains("base64", StringComparison.Ordinal))
        {
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            stream = (byte)(bytes[0] - '0');
            payload = Convert.FromBase64String(Encoding.ASCII.GetString(bytes, 1, bytes.Length - 1));
        }
        else
        {
            Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
            stream = bytes[0];
            payload = bytes[1..];
        }

        switch (stream)
        {
            case 1 when payload.Length == 0:
                EmptyStdoutMessages++;
                break;
            case 1:
                _stdout.Append(Encoding.UTF8.GetString(payload));
                break;
            case 3:
                Errors.Add(Encoding.UTF8.GetString(payload));
                break;
            default:
                throw new InvalidOperationException($"unexpected stream {stream}");
        }

        return true;
    }

    private static bool Trusted(X509Certificate2 ca, X509Certificate? presented)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(X509CertificateLoader.LoadCertificate(presented.GetRawCertData()));
    }
}
