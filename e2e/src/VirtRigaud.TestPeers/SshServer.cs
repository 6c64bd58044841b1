using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace VirtRigaud.TestPeers;

/// <summary>
/// OpenSSH sshd for a test (TEST-PEERS.md §3): a free loopback port, its own folder (0700) with a generated ed25519
/// host key and client key, <c>authorized_keys</c> and a <c>known_hosts</c> line for <c>[127.0.0.1]:port</c>; key
/// authentication only. Ready when the port answers with an SSH banner; stopped by PID, folder deleted on dispose.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private const string SshdExecutable = "/usr/sbin/sshd";
    private const string KeygenExecutable = "/usr/bin/ssh-keygen";
    private const int StartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly string _root;
    private PeerProcess? _process;
    private bool _passwordUnlocked;

    private SshServer(string root, int port)
    {
        _root = root;
        Port = port;
    }

    /// <summary>The loopback address sshd listens on.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The port sshd listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The account the client logs in as (the account running the tests).</summary>
    public string User { get; } = Environment.UserName;

    /// <summary>The client's private key file (OpenSSH format, 0600).</summary>
    public string ClientKeyFile => Path.Combine(_root, "client_ed25519");

    /// <summary>The client's private key text, as a credentials Secret's <c>ssh-privatekey</c> carries it.</summary>
    public string ClientPrivateKey => File.ReadAllText(ClientKeyFile);

    /// <summary>A known_hosts file naming this server's host key for <c>[127.0.0.1]:port</c>.</summary>
    public string KnownHostsFile => Path.Combine(_root, "known_hosts");

    /// <summary>The known_hosts text, as a credentials Secret's <c>known_hosts</c> carries it.</summary>
    public string KnownHosts => File.ReadAllText(KnownHostsFile);

    /// <summary>A known_hosts text for the same address with a different (freshly generated) key: verification must fail.</summary>
    public string WrongKnownHosts => File.ReadAllText(Path.Combine(_root, "wrong_known_hosts"));

    /// <summary>The sshd process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>What sshd logged (all starts).</summary>
    public string Log => _process?.Log ?? string.Empty;

    /// <summary>Generates the keys, writes the configuration and starts sshd.</summary>
    /// <exception cref="InvalidOperationException">OpenSSH is not installed or sshd did not become ready; the message carries its log.</exception>
    public static async Task<SshServer> StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(SshdExecutable) || !File.Exists(KeygenExecutable))
        {
            throw new InvalidOperationException("OpenSSH (sshd, ssh-keygen) is not installed; run hack/install-libvirt-deps.sh.");
        }

        var root = Directory.CreateTempSubdirectory("virtrigaud-sshd-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var server = new SshServer(root, FreePorts.Take(1)[0]);
        try
        {
            await server.GenerateKeysAsync(cancellationToken).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await server.LaunchAsync(cancellationToken).ConfigureAwait(false);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < StartAttempts && server.Log.Contains("Address already in use", StringComparison.Ordinal))
                {
                    await server.StopAsync().ConfigureAwait(false);
                    server.Port = FreePorts.Take(1)[0];
                    await server.WriteKnownHostsAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The account that may log in with a password (all others are key-only): a locked system account that
    /// hack/install-libvirt-deps.sh creates. <see cref="UnlockPasswordAccountAsync"/> gives it a password for a test.
    /// </summary>
    public const string PasswordUser = "virtrigaud-ssh";

    /// <summary>
    /// Gives <see cref="PasswordUser"/> a new random password (SHA-512 crypt, set with usermod) and returns it; the
    /// disposal of this server locks the account again. Needs root, like the daemon.
    /// </summary>
    /// <exception cref="InvalidOperationException">The account does not exist (run hack/install-libvirt-deps.sh).</exception>
    public async Task<string> UnlockPasswordAccountAsync(CancellationToken cancellationToken = default)
    {
        var account = await ToolRunner.RunAsync("/usr/bin/getent", ["passwd", PasswordUser], cancellationToken).ConfigureAwait(false);
        if (account.ExitCode != 0)
        {
            throw new InvalidOperationException($"the password-login account {PasswordUser} does not exist; run hack/install-libvirt-deps.sh");
        }

        var password = "Pw-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12)) + "'$ \"";
        var hash = (await ToolRunner.RunCheckedAsync("/usr/bin/openssl", ["passwd", "-6", password], cancellationToken).ConfigureAwait(false)).Trim();
        await ToolRunner.RunCheckedAsync("/usr/sbin/usermod", ["-p", hash, PasswordUser], cancellationToken).ConfigureAwait(false);
        _passwordUnlocked = true;
        return password;
    }

    /// <summary>
    /// Stops sshd and every session it started (a client's ControlMaster connection would otherwise keep a session
    /// process, and the log pipe, alive). The keys stay; <see cref="StartAgainAsync"/> reuses them and the port.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.KillAsync().ConfigureAwait(false);
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts sshd again on the same port with the same keys.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default) =>
        _process is null ? LaunchAsync(cancellationToken) : throw new InvalidOperationException("sshd is running");

    /// <summary>Stops sshd and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_passwordUnlocked)
        {
            // Back to locked ("!"), as the install script left it.
            await ToolRunner.RunAsync("/usr/sbin/usermod", ["-p", "!", PasswordUser]).ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task GenerateKeysAsync(CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "host_ed25519", "client_ed25519", "wrong_host_ed25519" })
        {
            await ToolRunner.RunCheckedAsync(KeygenExecutable, ["-q", "-t", "ed25519", "-N", string.Empty, "-C", $"virtrigaud-test-{name}", "-f", Path.Combine(_root, name)], cancellationToken)
                .ConfigureAwait(false);
        }

        File.Copy(Path.Combine(_root, "client_ed25519.pub"), Path.Combine(_root, "authorized_keys"));
        await WriteKnownHostsAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteKnownHostsAsync(CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(KnownHostsFile, KnownHostsLine("host_ed25519.pub"), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(_root, "wrong_known_hosts"), KnownHostsLine("wrong_host_ed25519.pub"), cancellationToken).ConfigureAwait(false);
    }

    private string KnownHostsLine(string publicKeyFile)
    {
        var fields = File.ReadAllText(Path.Combine(_root, publicKeyFile)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port} {fields[0]} {fields[1]}\n");
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory("/run/sshd");
        Directory.CreateDirectory(Path.Combine(_root, "home"));
        var config = Path.Combine(_root, "sshd_config");
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"ListenAddress {Host}:{Port}\n")
            .Append(CultureInfo.InvariantCulture, $"HostKey {Path.Combine(_root, "host_ed25519")}\n")
            .Append(CultureInfo.InvariantCulture, $"PidFile {Path.Combine(_root, "sshd.pid")}\n")
            .Append(CultureInfo.InvariantCulture, $"AuthorizedKeysFile {Path.Combine(_root, "authorized_keys")}\n")
            .Append("PermitRootLogin prohibit-password\n")
            .Append("PubkeyAuthentication yes\n")
            .Append("PasswordAuthentication no\n")
            .Append("KbdInteractiveAuthentication no\n")
            .Append("UsePAM no\n")
            .Append("StrictModes no\n")
            .Append("MaxSessions 64\n")
            .Append("MaxStartups 64:30:128\n")
            .Append("LogLevel VERBOSE\n")
            // Sessions get a HOME of their own: the login shell then reads no dotfiles of the machine's account (a
            // root ~/.bashrc running `pyenv init` made every remote command wait up to 60 s on pyenv's rehash lock
            // once a killed session had left it behind).
            .Append(CultureInfo.InvariantCulture, $"SetEnv HOME={Path.Combine(_root, "home")}\n")
            .Append(CultureInfo.InvariantCulture, $"Match User {PasswordUser}\n")
            .Append("    PasswordAuthentication yes\n")
            .ToString();
        await File.WriteAllTextAsync(config, text, cancellationToken).ConfigureAwait(false);
        _process = PeerProcess.Start("sshd", SshdExecutable, ["-D", "-e", "-f", config]);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (!await AnswersBannerAsync(timeout.Token).ConfigureAwait(false))
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"sshd exited before it was ready:\n{Log}");
                }

                await Task.Delay(PollInterval, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"sshd was not ready within {StartTimeout}:\n{Log}");
        }
    }

    private async Task<bool> AnswersBannerAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(Host, Port, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[64];
            var read = await client.GetStream().ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return read > 4 && Encoding.ASCII.GetString(buffer, 0, read).StartsWith("SSH-", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
