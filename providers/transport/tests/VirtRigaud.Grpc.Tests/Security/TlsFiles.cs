using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Tests.Security;

/// <summary>A directory laid out like a mounted TLS Secret, and a reloader watching it.</summary>
internal sealed class TlsFiles : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    private TlsFiles(TestCertificateAuthority authority, X509Certificate2 leaf)
    {
        authority.WritePemFiles(leaf, _directory.Path);
    }

    public string Path => _directory.Path;

    public RecordingLogger Logs { get; } = new();

    public CertificateReloader Reloader { get; private set; } = null!;

    /// <summary>
    /// Writes the files and starts a reloader on them. Polling is off unless a clock is given, so that a test sees
    /// the watcher (or its own TryReload) at work, never a poll racing it.
    /// </summary>
    public static TlsFiles Create(TestCertificateAuthority authority, X509Certificate2 leaf, bool watch = false, TimeProvider? timeProvider = null)
    {
        var files = new TlsFiles(authority, leaf);
        var options = CertificateReloaderOptions.ForDirectory(files.Path) with
        {
            WatchFileSystem = watch,
            PollInterval = timeProvider is null ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(30),
            DebounceDelay = TimeSpan.FromMilliseconds(50),
        };
        files.Reloader = CertificateReloader.Start(options, files.Logs.CreateLogger("reloader"), timeProvider);
        return files;
    }

    public string File(string name) => _directory.File(name);

    public void Dispose()
    {
        Reloader?.Dispose();
        _directory.Dispose();
    }
}
