using System.Globalization;
using System.Net.Sockets;

namespace VirtRigaud.TestPeers;

/// <summary>
/// CPython's <c>http.server</c> serving a folder on a free loopback port (GET/HEAD with Content-Length, 404 for missing
/// files): a real HTTP server for download tests (image preparation). Stopped by PID on dispose; the folder is the caller's.
/// </summary>
public sealed class StaticHttpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly PeerProcess _process;

    private StaticHttpServer(PeerProcess process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    /// <summary>The served folder.</summary>
    public string Directory { get; }

    /// <summary>The port.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    /// <summary>Starts serving <paramref name="directory"/> and waits until the port accepts connections.</summary>
    public static async Task<StaticHttpServer> StartAsync(string directory, CancellationToken cancellationToken = default)
    {
        var port = FreePorts.Take(1)[0];
        var process = PeerProcess.Start(
            "python3 http.server",
            Python,
            ["-m", "http.server", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", directory]);
        var server = new StaticHttpServer(process, port, directory);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"python3 http.server exited:\n{process.Log}");
                }

                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
                    return server;
                }
                catch (SocketException)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
