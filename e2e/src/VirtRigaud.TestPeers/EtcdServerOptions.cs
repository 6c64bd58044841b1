namespace VirtRigaud.TestPeers;

/// <summary>How an <see cref="EtcdServer"/> is started.</summary>
public sealed record EtcdServerOptions
{
    /// <summary>The etcd binary (Debian's etcd-server package installs it here).</summary>
    public string Executable { get; init; } = "/usr/bin/etcd";

    /// <summary>The etcdctl binary, used to enable auth.</summary>
    public string EtcdctlExecutable { get; init; } = "/usr/bin/etcdctl";

    /// <summary>Serve the client port over TLS with these files; <c>null</c> = plain h2c.</summary>
    public EtcdServerTls? Tls { get; init; }

    /// <summary>How long simple auth tokens live (<c>--auth-token-ttl</c>, seconds); etcd's default is 300.</summary>
    public int? AuthTokenTtlSeconds { get; init; }

    /// <summary>How often watches with progress_notify get a progress response (<c>--experimental-watch-progress-notify-interval</c>).</summary>
    public TimeSpan? WatchProgressNotifyInterval { get; init; }

    /// <summary>How long to wait for the client port to answer after start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Further command-line arguments.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];
}
