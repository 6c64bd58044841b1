using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Tests.Security;

public sealed class CertificateReloaderTests : IDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);

    private readonly TestCertificateAuthority _ca = TestCertificateAuthority.Create();
    private readonly TemporaryDirectory _directory = new();

    public void Dispose()
    {
        _ca.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Start_PemFiles_LoadsCertificateWithUsablePrivateKeyAndCa()
    {
        using var leaf = _ca.IssueLocalhostServerCertificate();
        _ca.WritePemFiles(leaf, _directory.Path);

        using var reloader = CertificateReloader.Start(Options());

        Assert.Equal(leaf.SerialNumber, reloader.Current.SerialNumber);
        using var key = reloader.Current.GetECDsaPrivateKey();
        Assert.NotNull(key);
        byte[] data = [1, 2, 3];
        var signature = key.SignData(data, HashAlgorithmName.SHA256);
        using var publicKey = leaf.GetECDsaPublicKey()!;
        Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256));
        Assert.Equal(_ca.Certificate.Thumbprint, Assert.Single(reloader.Authorities).Thumbprint);
    }

    [Fact]
    public void Start_CertificateFileWithChain_KeepsTheRestAsIntermediates()
    {
        using var leaf = _ca.IssueLocalhostServerCertificate();
        _ca.WritePemFiles(leaf, _directory.Path);
        File.WriteAllText(Path(CertificateReloaderOptions.CertificateFileName), leaf.ExportCertificatePem() + "\n" + _ca.ExportCertificatePem());

        using var reloader = CertificateReloader.Start(Options());

        Assert.Equal(leaf.SerialNumber, reloader.Current.SerialNumber);
        Assert.Equal(_ca.Certificate.Thumbprint, Assert.Single(reloader.Bundle.Intermediates).Thumbprint);
    }

    [Fact]
    public void Start_MissingKeyFile_Throws()
    {
        using var leaf = _ca.IssueLocalhostServerCertificate();
        _ca.WritePemFiles(leaf, _directory.Path);
        File.Delete(Path(CertificateReloaderOptions.KeyFileName));

        Assert.Throws<FileNotFoundException>(() => CertificateReloader.Start(Options()));
    }

    [Fact]
    public void Start_KeyOfAnotherCertificate_Throws()
    {
        using var leaf = _ca.IssueLocalhostServerCertificate();
        using var other = _ca.IssueLocalhostServerCertificate();
        _ca.WritePemFiles(leaf, _directory.Path);
        File.WriteAllText(Path(CertificateReloaderOptions.KeyFileName), TestCertificateAuthority.ExportPrivateKeyPem(other));

        Assert.ThrowsAny<CryptographicException>(() => CertificateReloader.Start(Options()));
    }

    [Fact]
    public void Start_WithoutCaFile_HasNoAuthorities()
    {
        using var leaf = _ca.IssueClientCertificate("client");
        _ca.WritePemFiles(leaf, _directory.Path);
        File.Delete(Path(CertificateReloaderOptions.CaFileName));

        using var reloader = CertificateReloader.Start(CertificateReloaderOptions.ForDirectory(_directory.Path, includeCa: false) with { WatchFileSystem = false });

        Assert.False(reloader.HasAuthorities);
        Assert.Empty(reloader.Authorities);
    }

    public static TheoryData<CertificateReloaderOptions> InvalidOptions => new()
    {
        new CertificateReloaderOptions { CertificatePath = "", KeyPath = "tls.key" },
        new CertificateReloaderOptions { CertificatePath = "tls.crt", KeyPath = " " },
        new CertificateReloaderOptions { CertificatePath = "tls.crt", KeyPath = "tls.key", CaPath = "" },
        new CertificateReloaderOptions { CertificatePath = "tls.crt", KeyPath = "tls.key", PollInterval = TimeSpan.Zero },
        new CertificateReloaderOptions { CertificatePath = "tls.crt", KeyPath = "tls.key", DebounceDelay = TimeSpan.FromSeconds(-1) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Start_InvalidOptions_ThrowsArgumentException(CertificateReloaderOptions options)
    {
        Assert.Throws<ArgumentException>(() => CertificateReloader.Start(options));
    }

    [Fact]
    public void TryReload_FilesUnchanged_ReturnsFalseAndRaisesNothing()
    {
        using var reloader = StartWith(_ca.IssueLocalhostServerCertificate());
        var events = 0;
        reloader.Reloaded += (_, _) => events++;
        reloader.ReloadFailed += (_, _) => events++;

        Assert.False(reloader.TryReload());
        Assert.Equal(0, events);
    }

    [Fact]
    public void TryReload_NewCertificate_SwapsCurrentAndRaisesReloaded()
    {
        using var reloader = StartWith(_ca.IssueLocalhostServerCertificate());
        using var next = _ca.IssueLocalhostServerCertificate();
        CertificateReloadedEventArgs? reloaded = null;
        reloader.Reloaded += (_, e) => reloaded = e;

        _ca.WritePemFiles(next, _directory.Path);

        Assert.True(reloader.TryReload());
        Assert.Equal(next.SerialNumber, reloader.Current.SerialNumber);
        Assert.Equal(next.SerialNumber, reloaded?.Certificate.SerialNumber);
        Assert.Equal(_ca.Certificate.Thumbprint, Assert.Single(reloaded!.Authorities).Thumbprint);
    }

    public static TheoryData<string, string> BrokenWrites => new()
    {
        { CertificateReloaderOptions.KeyFileName, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n" },
        { CertificateReloaderOptions.KeyFileName, "" },
        { CertificateReloaderOptions.CertificateFileName, "-----BEGIN CERTIFICATE-----\nMIIB" },
        { CertificateReloaderOptions.CaFileName, "no PEM here" },
    };

    [Theory]
    [MemberData(nameof(BrokenWrites))]
    public void TryReload_BrokenFile_KeepsPreviousCertificateAndReportsOnce(string file, string content)
    {
        var logs = new RecordingLogger();
        using var reloader = StartWith(_ca.IssueLocalhostServerCertificate(), logs);
        var serial = reloader.Current.SerialNumber;
        var failures = new List<Exception>();
        reloader.ReloadFailed += (_, e) => failures.Add(e.Exception);

        File.WriteAllText(Path(file), content);

        Assert.False(reloader.TryReload());
        Assert.False(reloader.TryReload());
        Assert.Equal(serial, reloader.Current.SerialNumber);
        Assert.IsType<CryptographicException>(Assert.Single(failures), exactMatch: false);
        Assert.Single(logs.WithEvent("CertificateReloadFailed"));
    }

    [Fact]
    public void TryReload_CertificateReplacedBeforeItsKey_KeepsPreviousUntilTheKeyArrives()
    {
        // What a writer that is not atomic across files shows between its two writes.
        using var reloader = StartWith(_ca.IssueLocalhostServerCertificate());
        var serial = reloader.Current.SerialNumber;
        using var next = _ca.IssueLocalhostServerCertificate();

        File.WriteAllText(Path(CertificateReloaderOptions.CertificateFileName), next.ExportCertificatePem());
        Assert.False(reloader.TryReload());
        Assert.Equal(serial, reloader.Current.SerialNumber);

        File.WriteAllText(Path(CertificateReloaderOptions.KeyFileName), TestCertificateAuthority.ExportPrivateKeyPem(next));
        Assert.True(reloader.TryReload());
        Assert.Equal(next.SerialNumber, reloader.Current.SerialNumber);
    }

    [Fact]
    public void TryReload_FileMissingForAMoment_KeepsPreviousThenLoadsTheCompletedWrite()
    {
        using var reloader = StartWith(_ca.IssueLocalhostServerCertificate());
        using var next = _ca.IssueLocalhostServerCertificate();
        var keyPath = Path(CertificateReloaderOptions.KeyFileName);
        File.Delete(keyPath);

        Assert.False(reloader.TryReload());

        _ca.WritePemFiles(next, _directory.Path);
        Assert.True(reloader.TryReload());
        Assert.Equal(next.SerialNumber, reloader.Current.SerialNumber);
    }

    [Fact]
    public async Task Watcher_FilesReplaced_ReloadsWithoutPolling()
    {
        using var reloader = StartWith(_ca.IssueLocalhostServerCertificate(), watch: true);
        using var next = _ca.IssueLocalhostServerCertificate();
        var reloaded = ReloadedWith(reloader, next.SerialNumber);

        _ca.WritePemFiles(next, _directory.Path);

        await reloaded.WaitAsync(EventTimeout);
        Assert.Equal(next.SerialNumber, reloader.Current.SerialNumber);
    }

    [Fact]
    public async Task Watcher_KubernetesSecretVolumeSymlinkSwap_Reloads()
    {
        // The kubelet's atomic writer: files live in a timestamped directory, "..data" links to it, and each visible
        // name links through "..data". An update writes a new directory and renames a new "..data" link over the old.
        using var first = _ca.IssueLocalhostServerCertificate();
        using var next = _ca.IssueLocalhostServerCertificate();
        WriteSecretVersion("..2025_01_01_00_00_00.000000001", first);
        File.CreateSymbolicLink(Path("..data"), "..2025_01_01_00_00_00.000000001");
        foreach (var name in new[] { CertificateReloaderOptions.CertificateFileName, CertificateReloaderOptions.KeyFileName, CertificateReloaderOptions.CaFileName })
        {
            File.CreateSymbolicLink(Path(name), System.IO.Path.Combine("..data", name));
        }

        using var reloader = CertificateReloader.Start(Options() with { WatchFileSystem = true });
        Assert.Equal(first.SerialNumber, reloader.Current.SerialNumber);
        var reloaded = ReloadedWith(reloader, next.SerialNumber);

        WriteSecretVersion("..2025_01_01_00_01_00.000000002", next);
        File.CreateSymbolicLink(Path("..data_tmp"), "..2025_01_01_00_01_00.000000002");
        PosixRename.Replace(Path("..data_tmp"), Path("..data"));

        await reloaded.WaitAsync(EventTimeout);
        Assert.Equal(next.SerialNumber, reloader.Current.SerialNumber);
    }

    [Fact]
    public void Poll_WatcherOff_ReloadsWhenTheIntervalElapses()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var first = _ca.IssueLocalhostServerCertificate();
        _ca.WritePemFiles(first, _directory.Path);
        using var reloader = CertificateReloader.Start(Options() with { PollInterval = TimeSpan.FromSeconds(30) }, timeProvider: clock);
        using var next = _ca.IssueLocalhostServerCertificate();
        var reloads = 0;
        reloader.Reloaded += (_, _) => reloads++;

        _ca.WritePemFiles(next, _directory.Path);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(first.SerialNumber, reloader.Current.SerialNumber);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(next.SerialNumber, reloader.Current.SerialNumber);
        Assert.Equal(1, reloads);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, reloads);
    }

    [Fact]
    public void Dispose_StopsPollingAndTryReloadThrows()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        using var first = _ca.IssueLocalhostServerCertificate();
        _ca.WritePemFiles(first, _directory.Path);
        var reloader = CertificateReloader.Start(Options() with { PollInterval = TimeSpan.FromSeconds(30) }, timeProvider: clock);
        using var next = _ca.IssueLocalhostServerCertificate();

        reloader.Dispose();
        _ca.WritePemFiles(next, _directory.Path);
        clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(first.SerialNumber, reloader.Current.SerialNumber);
        Assert.Throws<ObjectDisposedException>(() => reloader.TryReload());
    }

    [Fact]
    public void Reloaded_HandlerThrows_IsLoggedAndTheReloadStands()
    {
        var logs = new RecordingLogger();
        using var reloader = StartWith(_ca.IssueLocalhostServerCertificate(), logs);
        using var next = _ca.IssueLocalhostServerCertificate();
        reloader.Reloaded += (_, _) => throw new InvalidOperationException("subscriber bug");

        _ca.WritePemFiles(next, _directory.Path);

        Assert.True(reloader.TryReload());
        Assert.Equal(next.SerialNumber, reloader.Current.SerialNumber);
        Assert.Single(logs.WithEvent("CertificateEventHandlerFailed"));
    }

    private CertificateReloaderOptions Options() =>
        CertificateReloaderOptions.ForDirectory(_directory.Path) with { WatchFileSystem = false, PollInterval = Timeout.InfiniteTimeSpan, DebounceDelay = TimeSpan.FromMilliseconds(50) };

    private CertificateReloader StartWith(X509Certificate2 leaf, RecordingLogger? logs = null, bool watch = false)
    {
        using (leaf)
        {
            _ca.WritePemFiles(leaf, _directory.Path);
        }

        return CertificateReloader.Start(Options() with { WatchFileSystem = watch }, logs?.CreateLogger("reloader"));
    }

    private void WriteSecretVersion(string versionDirectory, X509Certificate2 leaf)
    {
        var directory = Path(versionDirectory);
        Directory.CreateDirectory(directory);
        _ca.WritePemFiles(leaf, directory);
    }

    private string Path(string name) => _directory.File(name);

    private static Task ReloadedWith(CertificateReloader reloader, string serialNumber)
    {
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reloader.Reloaded += (_, e) =>
        {
            if (e.Certificate.SerialNumber == serialNumber)
            {
                reloaded.TrySetResult();
            }
        };
        return reloaded.Task;
    }
}
