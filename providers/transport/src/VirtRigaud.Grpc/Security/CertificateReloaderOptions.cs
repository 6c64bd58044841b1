namespace VirtRigaud.Grpc.Security;

/// <summary>
/// Where a <see cref="CertificateReloader"/> finds its PEM files and how it notices that they changed.
/// </summary>
/// <remarks>
/// The default file names are those of a Kubernetes <c>kubernetes.io/tls</c> Secret mounted as a volume
/// (<c>tls.crt</c>, <c>tls.key</c>, and <c>ca.crt</c> as cert-manager writes it). The kubelet updates such a volume by
/// swapping a <c>..data</c> symlink, which is why the reloader watches directories rather than files and also polls.
/// </remarks>
public sealed record CertificateReloaderOptions
{
    /// <summary>The certificate file name in a Kubernetes TLS Secret.</summary>
    public const string CertificateFileName = "tls.crt";

    /// <summary>The private key file name in a Kubernetes TLS Secret.</summary>
    public const string KeyFileName = "tls.key";

    /// <summary>The CA bundle file name cert-manager adds to a TLS Secret.</summary>
    public const string CaFileName = "ca.crt";

    /// <summary>PEM file holding the leaf certificate first, then any intermediates to send to the peer.</summary>
    public required string CertificatePath { get; init; }

    /// <summary>PEM file holding the leaf's private key (PKCS#8, PKCS#1 or SEC1; unencrypted).</summary>
    public required string KeyPath { get; init; }

    /// <summary>
    /// PEM file holding the CA certificates that peers must chain to, or <see langword="null"/> when this side verifies
    /// no peer certificates with this reloader (a client that is given its trusted CA otherwise). Only self-signed
    /// roots anchor a chain; an intermediate placed here is not a trust anchor.
    /// </summary>
    public string? CaPath { get; init; }

    /// <summary>
    /// How often the files are re-read even when no file system event arrived (events are lost on some file systems and
    /// when the watcher's buffer overflows). <see cref="Timeout.InfiniteTimeSpan"/> turns polling off.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to wait after the last file system event before reading the files, so that a writer replacing several
    /// files is usually seen once, after it finished.
    /// </summary>
    public TimeSpan DebounceDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Whether to watch the directories with a <see cref="FileSystemWatcher"/> in addition to polling.</summary>
    public bool WatchFileSystem { get; init; } = true;

    /// <summary>
    /// Options for a directory laid out like a mounted Kubernetes TLS Secret: <c>tls.crt</c>, <c>tls.key</c> and, when
    /// <paramref name="includeCa"/> is set, <c>ca.crt</c>.
    /// </summary>
    public static CertificateReloaderOptions ForDirectory(string directory, bool includeCa = true) => new()
    {
        CertificatePath = Path.Combine(directory, CertificateFileName),
        KeyPath = Path.Combine(directory, KeyFileName),
        CaPath = includeCa ? Path.Combine(directory, CaFileName) : null,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot work.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(CertificatePath))
        {
            throw new ArgumentException("CertificatePath must name a PEM file.", nameof(CertificatePath));
        }

        if (string.IsNullOrWhiteSpace(KeyPath))
        {
            throw new ArgumentException("KeyPath must name a PEM file.", nameof(KeyPath));
        }

        if (CaPath is not null && string.IsNullOrWhiteSpace(CaPath))
        {
            throw new ArgumentException("CaPath must name a PEM file or be null.", nameof(CaPath));
        }

        if (PollInterval <= TimeSpan.Zero && PollInterval != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("PollInterval must be positive or Timeout.InfiniteTimeSpan.", nameof(PollInterval));
        }

        if (DebounceDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("DebounceDelay must not be negative.", nameof(DebounceDelay));
        }
    }
}
