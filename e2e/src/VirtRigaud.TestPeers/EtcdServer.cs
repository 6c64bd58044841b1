using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace VirtRigaud.TestPeers;

/// <summary>
/// A single-member etcd started for a test: free loopback ports for client and peer traffic, its own temporary data
/// folder, ready when it logs "ready to serve client requests" and the client port accepts connections; stopped by
/// PID, data folder deleted on dispose. The log is kept in the data folder's sibling file for failure messages.
/// </summary>
public sealed class EtcdServer : IAsyncDisposable
{
    private const string ReadyLine = "ready to serve client requests";
    private const string PortInUse = "address already in use";
    private const int StartAttempts = 3;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly EtcdServerOptions _options;
    private readonly string _root;
    private readonly object _logLock = new();
    private readonly StringBuilder _log = new();
    private Process? _process;
    private int _logStart;

    private EtcdServer(EtcdServerOptions options, string root, int clientPort, int peerPort)
    {
        _options = options;
        _root = root;
        ClientPort = clientPort;
        PeerPort = peerPort;
    }

    /// <summary>The client URL (<c>http://127.0.0.1:port</c>, or https with <see cref="EtcdServerOptions.Tls"/>).</summary>
    public Uri ClientUrl => new($"{(_options.Tls is null ? "http" : "https")}://127.0.0.1:{ClientPort}");

    public int ClientPort { get; private set; }

    public int PeerPort { get; private set; }

    /// <summary>The member's data folder (deleted on dispose).</summary>
    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The etcd process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>What etcd has logged so far (all starts), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_logLock)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts etcd and waits until it serves clients.</summary>
    /// <exception cref="InvalidOperationException">etcd is not installed, exited, or did not become ready; the message carries its log.</exception>
    public static async Task<EtcdServer> StartAsync(EtcdServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EtcdServerOptions();
        if (!File.Exists(options.Executable))
        {
            throw new InvalidOperationException(
                $"etcd is not installed at {options.Executable}; run hack/install-test-deps.sh (Debian: apt-get install -y etcd-server etcd-client).");
        }

        var root = Directory.CreateTempSubdirectory("virtrigaud-etcd-").FullName;
        var ports = FreePorts.Take(2);
        var server = new EtcdServer(options, root, ports[0], ports[1]);
        try
        {
            await server.LaunchWithRetryAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills etcd (SIGKILL, by PID) and waits for it to exit; the data folder stays for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: false);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StopTimeout);
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Starts etcd again on the same ports with the same data (after <see cref="StopAsync"/>).</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default) =>
        _process is null ? LaunchAsync(cancellationToken) : throw new InvalidOperationException("etcd is running");

    /// <summary>
    /// Turns etcd auth on with etcdctl: user root with <paramref name="rootPassword"/>, granted role root (so auth can be
    /// disabled again), then <c>auth enable</c>.
    /// </summary>
    public async Task EnableAuthAsync(string rootPassword, CancellationToken cancellationToken = default)
    {
        await EtcdctlAsync(["user", "add", $"root:{rootPassword}"], cancellationToken).ConfigureAwait(false);
        await EtcdctlAsync(["user", "grant-role", "root", "root"], cancellationToken).ConfigureAwait(false);
        await EtcdctlAsync(["auth", "enable"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs etcdctl (API 3) against this member and returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">etcdctl failed; the message has its output.</exception>
    public async Task<string> EtcdctlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(_options.EtcdctlExecutable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ETCDCTL_API"] = "3";
        start.ArgumentList.Add($"--endpoints={ClientUrl}");
        if (_options.Tls is { } tls)
        {
            start.ArgumentList.Add($"--cacert={tls.TrustedCaFile}");
            if (tls.ClientCertFile is not null && tls.ClientKeyFile is not null)
            {
                start.ArgumentList.Add($"--cert={tls.ClientCertFile}");
                start.ArgumentList.Add($"--key={tls.ClientKeyFile}");
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {_options.EtcdctlExecutable}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"etcdctl {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await error.ConfigureAwait(false)}{await output.ConfigureAwait(false)}");
        }

        return await output.ConfigureAwait(false);
    }

    /// <summary>Stops etcd and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task LaunchWithRetryAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await LaunchAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && Log.Contains(PortInUse, StringComparison.Ordinal))
            {
                // Another process took a port between our probe and etcd's bind: try fresh ports with a fresh data folder.
                await StopAsync(cancellationToken).ConfigureAwait(false);
                Directory.Delete(DataDirectory, recursive: true);
                var ports = FreePorts.Take(2);
                ClientPort = ports[0];
                PeerPort = ports[1];
                lock (_logLock)
                {
                    _log.Clear();
                }
            }
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var clientUrl = ClientUrl.ToString().TrimEnd('/');
        var peerUrl = $"http://127.0.0.1:{PeerPort}";
        var start = new ProcessStartInfo(_options.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "--name", "test",
            "--data-dir", DataDirectory,
            "--listen-client-urls", clientUrl,
            "--advertise-client-urls", clientUrl,
            "--listen-peer-urls", peerUrl,
            "--initial-advertise-peer-urls", peerUrl,
            "--initial-cluster", $"test={peerUrl}",
            "--initial-cluster-state", "new",
            // A fast single-member election, and leases as short as 1 s (etcd's minimum TTL follows the election timeout).
            "--heartbeat-interval", "10",
            "--election-timeout", "100",
            // Cheap password hashing: auth tests authenticate often.
            "--bcrypt-cost", "4",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (_options.Tls is { } tls)
        {
            start.ArgumentList.Add($"--cert-file={tls.CertFile}");
            start.ArgumentList.Add($"--key-file={tls.KeyFile}");
            start.ArgumentList.Add($"--trusted-ca-file={tls.TrustedCaFile}");
            start.ArgumentList.Add($"--client-cert-auth={(tls.ClientCertAuth ? "true" : "false")}");
        }

        if (_options.AuthTokenTtlSeconds is { } ttl)
        {
            start.ArgumentList.Add($"--auth-token-ttl={ttl.ToString(CultureInfo.InvariantCulture)}");
        }

        if (_options.WatchProgressNotifyInterval is { } interval)
        {
            start.ArgumentList.Add($"--experimental-watch-progress-notify-interval={(long)interval.TotalMilliseconds}ms");
        }

        foreach (var argument in _options.ExtraArguments)
        {
            start.ArgumentList.Add(argument);
        }

        lock (_logLock)
        {
            // Only this start's log counts as ready (a restart keeps the earlier lines).
            _logStart = _log.Length;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.StartTimeout);
        try
        {
            while (!await IsReadyAsync(timeout.Token).ConfigureAwait(false))
            {
                if (process.HasExited)
                {
                    // Let the output readers drain before the log is quoted.
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                    throw new InvalidOperationException($"etcd exited with {process.ExitCode} before it was ready:\n{Log}");
                }

                await Task.Delay(PollInterval, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"etcd was not ready within {_options.StartTimeout}:\n{Log}");
        }
    }

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        lock (_logLock)
        {
            if (_log.ToString(_logStart, _log.Length - _logStart).IndexOf(ReadyLine, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", ClientPort, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.AppendLine(line);
        }
    }
}
