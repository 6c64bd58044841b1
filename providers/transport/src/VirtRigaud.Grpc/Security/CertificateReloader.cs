using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace VirtRigaud.Grpc.Security;

/// <summary>
/// Holds the current certificate, key and CA certificates loaded from PEM files, and replaces them when the files
/// change, without a restart: every new TLS handshake (see <see cref="GrpcTls"/>) asks for <see cref="Current"/>.
/// </summary>
/// <remarks>
/// <para>Change detection, in order of speed:</para>
/// <list type="table">
///   <listheader><term>source</term><description>why it is needed</description></listheader>
///   <item><term><see cref="FileSystemWatcher"/> on each directory</term><description>immediate; sees the Kubernetes
///   <c>..data</c> symlink swap because it watches the directory, not the file</description></item>
///   <item><term>poll every <see cref="CertificateReloaderOptions.PollInterval"/></term><description>file systems
///   without inotify, overflowed watcher buffers, watcher start failures</description></item>
///   <item><term><see cref="TryReload"/></term><description>operators and tests that know the files changed</description></item>
/// </list>
/// <para>
/// Every trigger re-reads all files and compares a SHA-256 fingerprint with the last attempt, so spurious events cost
/// one read and a file that did not change is never re-parsed. New material that fails to load (a half-written
/// file, a key from another certificate) is logged once and reported through <see cref="ReloadFailed"/>; the previous
/// certificate stays in use until the files change again and load. Certificates handed out are never disposed by the
/// reloader, because a handshake may still hold one after a reload; the garbage collector releases them.
/// </para>
/// </remarks>
public sealed class CertificateReloader : IDisposable
{
    private readonly CertificateReloaderOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private CertificateBundle _current;
    private byte[] _lastAttempt;
    private ITimer? _pollTimer;
    private ITimer? _debounceTimer;
    private bool _disposed;

    private CertificateReloader(CertificateReloaderOptions options, ILogger logger, TimeProvider timeProvider, CertificateBundle initial)
    {
        _options = options;
        _logger = logger;
        _timeProvider = timeProvider;
        _current = initial;
        _lastAttempt = initial.Fingerprint;
    }

    /// <summary>Raised after new files loaded and took effect, on a timer or watcher thread.</summary>
    public event EventHandler<CertificateReloadedEventArgs>? Reloaded;

    /// <summary>Raised when changed files could not be loaded and the previous certificate stays, on a timer or watcher thread.</summary>
    public event EventHandler<CertificateReloadFailedEventArgs>? ReloadFailed;

    /// <summary>The options this reloader was started with.</summary>
    public CertificateReloaderOptions Options => _options;

    /// <summary>The certificate, with its private key, that the next handshake uses. Owned by the reloader; do not dispose.</summary>
    public X509Certificate2 Current => Bundle.Certificate;

    /// <summary>
    /// A copy of the CA certificates from <see cref="CertificateReloaderOptions.CaPath"/> as last loaded; empty when no
    /// CA file is configured. Changing the copy changes nothing the reloader trusts.
    /// </summary>
    public X509Certificate2Collection Authorities => new(Bundle.Authorities);

    /// <summary>Whether a CA file is configured, so that this reloader can verify peers.</summary>
    public bool HasAuthorities => _options.CaPath is not null;

    /// <summary>The current material as one snapshot; a handshake reads this once and uses nothing else.</summary>
    internal CertificateBundle Bundle => Volatile.Read(ref _current);

    /// <summary>Where handshakes using this reloader log rejected peers when no other logger is given.</summary>
    internal ILogger Logger => _logger;

    /// <summary>The clock peer certificates are checked against.</summary>
    internal TimeProvider TimeProvider => _timeProvider;

    /// <summary>
    /// Loads the files and starts watching them. The first load has nothing to fall back on, so its failure is thrown;
    /// later failures keep the previous certificate.
    /// </summary>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    /// <exception cref="IOException">A file is missing or unreadable.</exception>
    /// <exception cref="CryptographicException">A file is not the PEM expected, or the key does not match the certificate.</exception>
    public static CertificateReloader Start(CertificateReloaderOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        options.Validate();
        var bundle = CertificateBundle.Load(CertificateBundle.Read(options));
        var reloader = new CertificateReloader(options, logger ?? NullLogger.Instance, timeProvider ?? TimeProvider.System, bundle);
        reloader.LogLoaded(bundle, initial: true);
        reloader.StartWatching();
        return reloader;
    }

    /// <summary>
    /// Checks the files now, as the watcher and the poll timer do. Returns whether new material was loaded and took
    /// effect; unchanged files and files that fail to load both return <see langword="false"/> (the latter also raise
    /// <see cref="ReloadFailed"/>).
    /// </summary>
    public bool TryReload()
    {
        CertificateBundle? loaded = null;
        Exception? failure = null;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            PemFileContents? files = null;
            try
            {
                files = CertificateBundle.Read(_options);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Not remembered as an attempt: the same files may be readable on the next trigger.
                failure = exception;
            }

            if (files is not null)
            {
                if (files.Fingerprint.AsSpan().SequenceEqual(_lastAttempt))
                {
                    return false;
                }

                // Remembered before parsing: content that fails once fails every time, and is reported once.
                _lastAttempt = files.Fingerprint;
                try
                {
                    loaded = CertificateBundle.Load(files);
                    Volatile.Write(ref _current, loaded);
                }
                catch (Exception exception)
                {
                    // Whatever parsing untrusted bytes throws (CryptographicException as documented, or anything a
                    // platform crypto layer adds) means "not usable"; it must not escape onto a timer thread and end
                    // the process that is still serving with the previous certificate.
                    failure = exception;
                }
            }
        }

        if (failure is not null)
        {
            SecurityLog.CertificateReloadFailed(_logger, _options.CertificatePath, Bundle.Certificate.SerialNumber, failure);
            Raise(ReloadFailed, new CertificateReloadFailedEventArgs(failure), nameof(ReloadFailed));
            return false;
        }

        LogLoaded(loaded!, initial: false);
        Raise(Reloaded, new CertificateReloadedEventArgs(loaded!.Certificate, new X509Certificate2Collection(loaded.Authorities)), nameof(Reloaded));
        return true;
    }

    /// <summary>Stops watching and polling. The current certificate stays readable for handshakes still in flight.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _pollTimer?.Dispose();
        _debounceTimer?.Dispose();
    }

    private void StartWatching()
    {
        _debounceTimer = _timeProvider.CreateTimer(static state => ((CertificateReloader)state!).CheckQuietly(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_options.PollInterval != Timeout.InfiniteTimeSpan)
        {
            _pollTimer = _timeProvider.CreateTimer(static state => ((CertificateReloader)state!).CheckQuietly(), this, _options.PollInterval, _options.PollInterval);
        }

        if (!_options.WatchFileSystem)
        {
            return;
        }

        var paths = new List<string> { _options.CertificatePath, _options.KeyPath };
        if (_options.CaPath is not null)
        {
            paths.Add(_options.CaPath);
        }

        foreach (var directory in paths.Select(p => Path.GetDirectoryName(Path.GetFullPath(p))!).Distinct(StringComparer.Ordinal))
        {
            FileSystemWatcher? watcher = null;
            try
            {
                // The whole directory, every kind of change: the kubelet never writes tls.crt itself, it renames a new
                // ..data symlink over the old one, and tls.crt follows because it is a symlink through ..data.
                watcher = new FileSystemWatcher(directory)
                {
                    IncludeSubdirectories = false,
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite
                        | NotifyFilters.Size | NotifyFilters.CreationTime | NotifyFilters.Attributes,
                };
                watcher.Changed += OnFileSystemEvent;
                watcher.Created += OnFileSystemEvent;
                watcher.Deleted += OnFileSystemEvent;
                watcher.Renamed += OnFileSystemEvent;
                watcher.Error += OnWatcherError;
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception exception) when (exception is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
            {
                // Typically the per-user inotify instance limit; polling still notices changes, only later.
                watcher?.Dispose();
                SecurityLog.WatchUnavailable(_logger, directory, _options.PollInterval, exception);
            }
        }
    }

    private void OnFileSystemEvent(object sender, FileSystemEventArgs e) => ScheduleCheck();

    private void OnWatcherError(object sender, ErrorEventArgs e)
    {
        SecurityLog.WatchFailed(_logger, ((FileSystemWatcher)sender).Path, e.GetException());
        ScheduleCheck();
    }

    private void ScheduleCheck()
    {
        // Each event pushes the check back, so a writer replacing three files is read once after the last write.
        try
        {
            _debounceTimer?.Change(_options.DebounceDelay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // An event that raced Dispose; nothing is watched any more.
        }
    }

    private void CheckQuietly()
    {
        try
        {
            TryReload();
        }
        catch (ObjectDisposedException)
        {
            // A timer that fired while Dispose ran.
        }
    }

    private void LogLoaded(CertificateBundle bundle, bool initial)
    {
        var certificate = bundle.Certificate;
        if (initial)
        {
            SecurityLog.CertificateLoaded(_logger, certificate.Subject, certificate.SerialNumber, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime(), _options.CertificatePath);
        }
        else
        {
            SecurityLog.CertificateReloaded(_logger, certificate.Subject, certificate.SerialNumber, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime(), _options.CertificatePath);
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            SecurityLog.CertificateOutsideValidity(_logger, certificate.Subject, certificate.SerialNumber, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        }
    }

    private void Raise<TArgs>(EventHandler<TArgs>? handler, TArgs args, string eventName)
    {
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, args);
        }
        catch (Exception exception)
        {
            // Handlers run on timer and watcher threads, where an escaping exception would end the process.
            SecurityLog.EventHandlerFailed(_logger, eventName, exception);
        }
    }
}
