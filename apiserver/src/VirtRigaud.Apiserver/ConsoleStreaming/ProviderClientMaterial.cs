using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>
/// The API server's client TLS material for providers (<c>--provider-client-tls-dir</c>). Files present at start are
/// loaded then (unusable ones stop the start); a directory whose files do not exist yet (the manager writes them at its
/// first start, which may come after the API server's) is loaded at the first console that needs it, and retried at
/// each later one until it loads. Once loaded, changes to the files are followed. Thread-safe.
/// </summary>
internal sealed class ProviderClientMaterial : IDisposable
{
    private readonly CertificateReloaderOptions? _files;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private CertificateReloader? _reloader;

    private ProviderClientMaterial(CertificateReloaderOptions? files, ILogger logger, TimeProvider time)
    {
        _files = files;
        _logger = logger;
        _time = time;
    }

    /// <summary>The directory given, or null when the server runs without one.</summary>
    public string? Directory { get; private init; }

    /// <summary>No material: the server was started without <c>--provider-client-tls-dir</c>.</summary>
    public static ProviderClientMaterial None(ILogger logger, TimeProvider time) => new(null, logger, time);

    /// <summary>
    /// The material of <paramref name="directory"/>: loaded now when any of its files exists (failures are thrown), else
    /// on first use.
    /// </summary>
    /// <exception cref="IOException">A file exists and another is missing or unreadable.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The files exist and cannot be used.</exception>
    public static ProviderClientMaterial From(string directory, ILogger logger, TimeProvider time)
    {
        var files = CertificateReloaderOptions.ForDirectory(directory);
        var material = new ProviderClientMaterial(files, logger, time) { Directory = directory };
        if (Paths(files).Any(File.Exists))
        {
            material._reloader = CertificateReloader.Start(files, logger, time);
            ConsoleLog.ClientMaterialLoaded(logger, directory);
        }
        else
        {
            ConsoleLog.ClientMaterialPending(logger, directory);
        }

        return material;
    }

    /// <summary>
    /// The loaded material, or null with <paramref name="problem"/> saying why there is none (no directory, files still
    /// missing, or unusable).
    /// </summary>
    public CertificateReloader? TryGet(out string problem)
    {
        problem = "";
        if (_files is null)
        {
            problem = "the server was started without --provider-client-tls-dir";
            return null;
        }

        lock (_gate)
        {
            if (_reloader is not null)
            {
                return _reloader;
            }

            var missing = Paths(_files).Where(p => !File.Exists(p)).Select(Path.GetFileName).ToList();
            if (missing.Count > 0)
            {
                problem = $"--provider-client-tls-dir {Directory} has no {string.Join(", ", missing)} yet";
                return null;
            }

            try
            {
                _reloader = CertificateReloader.Start(_files, _logger, _time);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                problem = $"the files of --provider-client-tls-dir {Directory} cannot be used: {e.Message}";
                return null;
            }

            ConsoleLog.ClientMaterialLoaded(_logger, Directory!);
            return _reloader;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _reloader?.Dispose();
        }
    }

    private static string[] Paths(CertificateReloaderOptions files) => [files.CertificatePath, files.KeyPath, files.CaPath!];
}
