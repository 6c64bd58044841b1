using System.ComponentModel.DataAnnotations;
using System.Net;
using VirtRigaud.Apiserver.ConsoleStreaming;
using VirtRigaud.Storage.Sqlite;

namespace VirtRigaud.Apiserver.Hosting;

/// <summary>
/// Everything the API server is configured with: the command-line flags plus the tuning values behind them. Immutable;
/// validated once at start (<see cref="ApiServerOptionsValidator"/>), so no other code checks these values again and no
/// timeout or limit is written as a literal elsewhere.
/// </summary>
public sealed record ApiServerOptions : IValidatableObject
{
    /// <summary>The HTTPS port (<c>--port</c>, env <c>VIRTRIGAUD_PORT</c>); 0 lets the system pick a free port (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; init; } = 8443;

    /// <summary>The IP address to listen on (<c>--bind-address</c>); <c>0.0.0.0</c> or <c>::</c> for every interface.</summary>
    [Required]
    public string BindAddress { get; init; } = "127.0.0.1";

    /// <summary>
    /// Where the server keeps its state (<c>--data-dir</c>): the SQLite store, the generated certificates under
    /// <c>pki/</c> and the admin kubeconfig. Relative paths are resolved against the working directory.
    /// </summary>
    [Required]
    public string DataDirectory { get; init; } = ".virtrigaud";

    /// <summary>etcd client URLs (<c>--etcd-servers</c>); empty = the embedded SQLite store in <see cref="DataDirectory"/>.</summary>
    public IReadOnlyList<string> EtcdServers { get; init; } = [];

    /// <summary>The key prefix of every object in the store (<c>--etcd-prefix</c>), also used by the SQLite store.</summary>
    [Required]
    public string EtcdPrefix { get; init; } = "/registry";

    /// <summary>PEM bundle that etcd's serving certificate must chain to (<c>--etcd-cafile</c>).</summary>
    public string? EtcdCaFile { get; init; }

    /// <summary>PEM client certificate presented to etcd (<c>--etcd-certfile</c>); goes with <see cref="EtcdKeyFile"/>.</summary>
    public string? EtcdCertFile { get; init; }

    /// <summary>PEM private key of <see cref="EtcdCertFile"/> (<c>--etcd-keyfile</c>).</summary>
    public string? EtcdKeyFile { get; init; }

    /// <summary>PEM serving certificate (<c>--tls-cert-file</c>); without it one is generated under the data directory.</summary>
    public string? TlsCertFile { get; init; }

    /// <summary>PEM private key of <see cref="TlsCertFile"/> (<c>--tls-private-key-file</c>).</summary>
    public string? TlsPrivateKeyFile { get; init; }

    /// <summary>
    /// PEM bundle of CAs whose client certificates are accepted (<c>--client-ca-file</c>: CN = user, O = groups), in
    /// addition to the generated CA that signed the admin kubeconfig's certificate.
    /// </summary>
    public string? ClientCaFile { get; init; }

    /// <summary>kube-apiserver's static token file (<c>--token-auth-file</c>): CSV lines <c>token,user,uid,"group1,group2"</c>.</summary>
    public string? TokenAuthFile { get; init; }

    /// <summary>The static authorization policy (<c>--authorization-policy-file</c>, YAML; format in apiserver/README.md).</summary>
    public string? AuthorizationPolicyFile { get; init; }

    /// <summary>
    /// Requests without credentials are served as <c>system:anonymous</c> (group <c>system:unauthenticated</c>) as with
    /// kube-apiserver's default <c>--anonymous-auth=true</c>; the policy lets them read only health and version. When
    /// false they get 401.
    /// </summary>
    public bool AnonymousAuth { get; init; } = true;

    /// <summary>
    /// Serve the built-in resources a server without kube-apiserver needs (<c>--standalone-core-api</c>): core v1
    /// secrets, configmaps, events and namespaces, coordination.k8s.io/v1 leases, events.k8s.io/v1 events. On by
    /// default; turn it off when the server runs aggregated behind kube-apiserver, which serves them itself.
    /// </summary>
    public bool StandaloneCoreApi { get; init; } = true;

    /// <summary>With the standalone core API: how long an event lives after its last write (<c>--event-ttl</c>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan EventTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often history older than the previous run is compacted away (<c>--compaction-interval</c>); zero turns compaction off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// On shutdown, how long the server keeps serving with <c>/readyz</c> failing before it stops accepting
    /// (<c>--shutdown-delay</c>), so load balancers and endpoints notice first.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShutdownDelay { get; init; } = TimeSpan.Zero;

    /// <summary>How long in-flight requests may take to finish once the server stops accepting (<c>--shutdown-grace-period</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body accepted (kube-apiserver's limit, 3 MiB); larger ones get 413.</summary>
    [Range(1024, int.MaxValue)]
    public long MaxRequestBodyBytes { get; init; } = 3 * 1024 * 1024;

    /// <summary>
    /// Concurrent HTTP/2 streams per connection. kube-apiserver multiplexes every proxied request and watch of every
    /// client over one connection to an aggregated server, so this must be far above Kestrel's default of 100.
    /// </summary>
    [Range(1000, int.MaxValue)]
    public int Http2MaxStreamsPerConnection { get; init; } = 1000;

    /// <summary>HTTP/2 connection flow-control window: how much request data all streams of a connection may have in flight.</summary>
    [Range(65_535, int.MaxValue)]
    public int Http2InitialConnectionWindowSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>HTTP/2 per-stream flow-control window: sized so that one maximum request body needs few window updates.</summary>
    [Range(65_535, int.MaxValue)]
    public int Http2InitialStreamWindowSize { get; init; } = 1024 * 1024;

    /// <summary>How long the generated CA is valid (ten years).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan CaValidity { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>How long the generated serving and admin certificates are valid.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "36500.00:00:00")]
    public TimeSpan CertificateValidity { get; init; } = TimeSpan.FromDays(365);

    /// <summary>A generated certificate that expires within this time is renewed at start.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan CertificateRenewBefore { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Console streaming (<c>GET …/virtualmachines/{name}/console</c> upgraded to a WebSocket): pings, timeouts, and the
    /// provider client TLS directory (<c>--provider-client-tls-dir</c>).
    /// </summary>
    public ConsoleStreamOptions Console { get; init; } = new();

    /// <summary>Durability of the SQLite store's commits (Full survives power loss; tests may choose less).</summary>
    public SqliteSynchronousMode SqliteSynchronous { get; init; } = SqliteSynchronousMode.Full;

    /// <summary>The data directory as an absolute path.</summary>
    public string DataDirectoryPath => Path.GetFullPath(DataDirectory);

    /// <summary>The embedded store's database file.</summary>
    public string SqlitePath => Path.Combine(DataDirectoryPath, "store.db");

    /// <summary>The admin kubeconfig the server writes at start.</summary>
    public string KubeconfigPath => Path.Combine(DataDirectoryPath, "kubeconfig");

    /// <summary>The directory of the generated CA and certificates.</summary>
    public string PkiDirectory => Path.Combine(DataDirectoryPath, "pki");

    /// <summary>Whether the store is etcd rather than the embedded SQLite file.</summary>
    public bool UsesEtcd => EtcdServers.Count > 0;

    /// <inheritdoc/>
    /// <remarks>Rules that span several values or touch the file system; the data annotations cover single values.</remarks>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(BindAddress, out _))
        {
            yield return new ValidationResult($"--bind-address {BindAddress} is not an IP address", [nameof(BindAddress)]);
        }

        if (TlsCertFile is null != TlsPrivateKeyFile is null)
        {
            yield return new ValidationResult("--tls-cert-file and --tls-private-key-file go together", [nameof(TlsCertFile), nameof(TlsPrivateKeyFile)]);
        }

        if (EtcdCertFile is null != EtcdKeyFile is null)
        {
            yield return new ValidationResult("--etcd-certfile and --etcd-keyfile go together", [nameof(EtcdCertFile), nameof(EtcdKeyFile)]);
        }

        if (!UsesEtcd && (EtcdCaFile ?? EtcdCertFile) is not null)
        {
            yield return new ValidationResult("--etcd-cafile, --etcd-certfile and --etcd-keyfile need --etcd-servers", [nameof(EtcdServers)]);
        }

        if (!EtcdPrefix.StartsWith('/'))
        {
            yield return new ValidationResult($"--etcd-prefix {EtcdPrefix} must start with /", [nameof(EtcdPrefix)]);
        }

        foreach (var server in EtcdServers)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"--etcd-servers: {server} is not an http:// or https:// URL", [nameof(EtcdServers)]);
            }
        }

        foreach (var (flag, file) in Files())
        {
            if (file is not null && !File.Exists(file))
            {
                yield return new ValidationResult($"{flag} {file}: no such file", [flag]);
            }
        }

        ValidationResult? console = null;
        try
        {
            Console.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            console = new ValidationResult($"console streaming: {e.Message}", [nameof(Console)]);
        }

        if (console is not null)
        {
            yield return console;
        }

        if (Console.ProviderClientTlsDirectory is { } tlsDirectory && File.Exists(tlsDirectory))
        {
            yield return new ValidationResult($"--provider-client-tls-dir {tlsDirectory} is a file, not a directory", [nameof(Console)]);
        }

        if (CertificateRenewBefore >= CertificateValidity)
        {
            yield return new ValidationResult("the certificate renewal margin must be shorter than the certificate validity", [nameof(CertificateRenewBefore)]);
        }
    }

    private IEnumerable<(string Flag, string? File)> Files() =>
    [
        ("--etcd-cafile", EtcdCaFile),
        ("--etcd-certfile", EtcdCertFile),
        ("--etcd-keyfile", EtcdKeyFile),
        ("--tls-cert-file", TlsCertFile),
        ("--tls-private-key-file", TlsPrivateKeyFile),
        ("--client-ca-file", ClientCaFile),
        ("--token-auth-file", TokenAuthFile),
        ("--authorization-policy-file", AuthorizationPolicyFile),
    ];
}
