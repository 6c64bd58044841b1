using VirtRigaud.Provider.Sdk.Credentials;

namespace VirtRigaud.Provider.Libvirt.Transport;

/// <summary>How <see cref="SshCommandRunner"/> reaches the host. Immutable; built by <see cref="CommandRunnerFactory"/>.</summary>
internal sealed record SshSettings
{
    /// <summary>Host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>ssh port.</summary>
    public int Port { get; init; } = 22;

    /// <summary>Login name.</summary>
    public required string User { get; init; }

    /// <summary>Private key file (0600, memory-backed folder); null = password authentication.</summary>
    public string? IdentityFile { get; init; }

    /// <summary>Password for sshpass (passed in the SSHPASS environment variable, never on a command line); null = key authentication.</summary>
    public SecretValue? Password { get; init; }

    /// <summary>The known_hosts file ssh verifies the host key against (<c>UserKnownHostsFile</c>).</summary>
    public required string KnownHostsFile { get; init; }

    /// <summary>
    /// <see langword="false"/> (default): <c>StrictHostKeyChecking=yes</c>, no trust on first use.
    /// <see langword="true"/> (LIBVIRT_INSECURE_SKIP_HOST_KEY_VERIFICATION): <c>accept-new</c> into an ephemeral file, with a warning per connection.
    /// </summary>
    public bool InsecureSkipHostKeyVerification { get; init; }

    /// <summary>Folder of the ControlMaster sockets (private, short path: a Unix socket path has at most 107 bytes); null = no multiplexing.</summary>
    public string? ControlDirectory { get; init; }

    /// <summary>How long an idle master connection stays (<c>ControlPersist</c>).</summary>
    public TimeSpan ControlPersist { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>ConnectTimeout</c>.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this many remote commands at once (a semaphore; sshd's MaxSessions defaults to 10).</summary>
    public int MaxConcurrentCommands { get; init; } = 8;

    /// <summary>Retries of a command whose connection failed transiently (upstream: 3).</summary>
    public int RetryAttempts { get; init; } = 3;

    /// <summary>First retry delay, doubled each time (upstream: 1 s).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The private folder holding the key, known_hosts copy and control sockets; deleted when the runner is disposed.</summary>
    public string? PrivateDirectory { get; init; }

    /// <summary>The OpenSSH client.</summary>
    public string SshExecutable { get; init; } = "/usr/bin/ssh";

    /// <summary>sshpass, for password authentication.</summary>
    public string SshpassExecutable { get; init; } = "/usr/bin/sshpass";
}
