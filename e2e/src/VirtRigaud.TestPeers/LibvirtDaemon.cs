namespace VirtRigaud.TestPeers;

/// <summary>
/// A real libvirtd (Debian's monolithic daemon, QEMU driver, TCG) for a test (TEST-PEERS.md §2), started by hand (no
/// systemd) with its sockets in a private folder: clients connect with <see cref="Uri"/>
/// (<c>qemu:///system?socket=…</c>), never through the host's default socket. virtlogd is started too unless one
/// already serves the host (qemu's console logs go through it).
/// <para>
/// The QEMU driver keeps its state in fixed host folders (/run/libvirt/qemu, /etc/libvirt/qemu), so one daemon runs at a
/// time on a machine: <see cref="StartAsync"/> takes an exclusive lock file and holds it until dispose. On dispose
/// every domain and storage pool that did not exist at start is destroyed and undefined (with snapshots metadata and
/// NVRAM) before the daemon stops, so no qemu process outlives the test.
/// </para>
/// </summary>
public sealed class LibvirtDaemon : IAsyncDisposable
{
    private const string LibvirtdExecutable = "/usr/sbin/libvirtd";
    private const string VirtlogdExecutable = "/usr/sbin/virtlogd";
    private const string VirshExecutable = "/usr/bin/virsh";
    private const string LockFile = "/tmp/virtrigaud-libvirtd.lock";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly string _root;
    private readonly FileStream _lock;
    private readonly HashSet<string> _domainsAtStart = new(StringComparer.Ordinal);
    private readonly HashSet<string> _poolsAtStart = new(StringComparer.Ordinal);
    private PeerProcess? _libvirtd;
    private PeerProcess? _virtlogd;

    private LibvirtDaemon(string root, FileStream @lock)
    {
        _root = root;
        _lock = @lock;
    }

    /// <summary>The private folder of this daemon (sockets, config, log, images).</summary>
    public string Directory => _root;

    /// <summary>The daemon's read-write socket.</summary>
    public string SocketPath => Path.Combine(_root, "sock", "libvirt-sock");

    /// <summary>The connection URI for <c>virsh -c</c>: the system QEMU driver through this daemon's socket.</summary>
    public string Uri => $"qemu:///system?socket={SocketPath}";

    /// <summary>A folder for disk images that qemu (user libvirt-qemu) may read and write.</summary>
    public string ImagesDirectory => Path.Combine(_root, "images");

    /// <summary>What libvirtd logged.</summary>
    public string Log => _libvirtd?.Log ?? string.Empty;

    /// <summary>The libvirtd process id while it runs.</summary>
    public int? ProcessId => _libvirtd is { HasExited: false } p ? p.Id : null;

    /// <summary>Takes the machine-wide lock, starts virtlogd (when none runs) and libvirtd, and waits until virsh answers.</summary>
    /// <exception cref="InvalidOperationException">libvirt is not installed, another libvirtd runs, or it did not become ready.</exception>
    public static async Task<LibvirtDaemon> StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(LibvirtdExecutable) || !File.Exists(VirshExecutable) || !File.Exists("/usr/bin/qemu-system-x86_64"))
        {
            throw new InvalidOperationException("libvirt/QEMU is not installed (libvirtd, virsh, qemu-system-x86_64); run hack/install-libvirt-deps.sh.");
        }

        if (File.Exists("/dev/kvm") && !OperatingSystem.IsWindows() && (File.GetUnixFileMode("/dev/kvm") & UnixFileMode.GroupWrite) == 0)
        {
            // libvirtd probes QEMU as root (KVM usable) but checks /dev/kvm for user libvirt-qemu (not usable): the cached
            // capabilities never validate, and every virsh call re-probes QEMU for seconds.
            throw new InvalidOperationException(
                "/dev/kvm is not group-accessible (no udev on this machine); run hack/install-libvirt-deps.sh, which sets root:kvm 0660 as Debian's udev rule does.");
        }

        var @lock = await MachineResources.AcquireLockAsync(LockFile, LockTimeout, "libvirt peer", cancellationToken).ConfigureAwait(false);
        if (MachineResources.FindProcesses("libvirtd").Count > 0)
        {
            await @lock.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                "another libvirtd already runs on this machine; the libvirt test peer needs the QEMU driver's host folders to itself. Stop it first.");
        }

        var root = System.IO.Directory.CreateTempSubdirectory("virtrigaud-libvirtd-").FullName;
        var daemon = new LibvirtDaemon(root, @lock);
        try
        {
            await daemon.LaunchAsync(cancellationToken).ConfigureAwait(false);
            return daemon;
        }
        catch
        {
            await daemon.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <c>virsh -c <see cref="Uri"/> …</c> and returns its standard output; throws with its error output on failure.</summary>
    public Task<string> VirshAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        ToolRunner.RunCheckedAsync(VirshExecutable, ["-c", Uri, .. arguments], cancellationToken);

    /// <summary>Domain names currently defined.</summary>
    public async Task<IReadOnlyList<string>> ListDomainsAsync(CancellationToken cancellationToken = default) =>
        (await VirshAsync(["list", "--all", "--name"], cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Destroys and undefines what the test created, stops libvirtd (and virtlogd when it was started here), deletes the folder, releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_libvirtd is { HasExited: false })
            {
                await CleanUpAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            if (_libvirtd is { } libvirtd)
            {
                await libvirtd.StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
                await libvirtd.DisposeAsync().ConfigureAwait(false);
            }

            if (_virtlogd is { } virtlogd)
            {
                await virtlogd.DisposeAsync().ConfigureAwait(false);
            }

            try
            {
                System.IO.Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            await _lock.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var sockets = Path.Combine(_root, "sock");
        System.IO.Directory.CreateDirectory(sockets);
        System.IO.Directory.CreateDirectory(ImagesDirectory);
        // qemu runs as libvirt-qemu: it must be able to walk into the images folder.
        const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_root, Open);
            File.SetUnixFileMode(ImagesDirectory, Open);
        }
        System.IO.Directory.CreateDirectory("/run/libvirt");

        if (MachineResources.FindProcesses("virtlogd").Count == 0)
        {
            _virtlogd = PeerProcess.Start("virtlogd", VirtlogdExecutable, ["-p", Path.Combine(_root, "virtlogd.pid")]);
        }

        var config = Path.Combine(_root, "libvirtd.conf");
        await File.WriteAllTextAsync(
            config,
            $"unix_sock_dir = \"{sockets}\"\nlisten_tls = 0\nlisten_tcp = 0\nunix_sock_rw_perms = \"0700\"\n",
            cancellationToken).ConfigureAwait(false);
        _libvirtd = PeerProcess.Start("libvirtd", LibvirtdExecutable, ["--config", config, "--pid-file", Path.Combine(_root, "libvirtd.pid")]);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (true)
            {
                if (_libvirtd.HasExited)
                {
                    throw new InvalidOperationException($"libvirtd exited before it was ready:\n{Log}");
                }

                if (File.Exists(SocketPath))
                {
                    var version = await ToolRunner.RunAsync(VirshExecutable, ["-c", Uri, "version"], timeout.Token).ConfigureAwait(false);
                    if (version.ExitCode == 0)
                    {
                        break;
                    }
                }

                await Task.Delay(PollInterval, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"libvirtd did not answer within {StartTimeout}:\n{Log}");
        }

        _domainsAtStart.UnionWith(await ListDomainsAsync(cancellationToken).ConfigureAwait(false));
        _poolsAtStart.UnionWith(await ListPoolsAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<string>> ListPoolsAsync(CancellationToken cancellationToken) =>
        (await VirshAsync(["pool-list", "--all", "--name"], cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private async Task CleanUpAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var domain in await ListDomainsAsync(timeout.Token).ConfigureAwait(false))
        {
            if (_domainsAtStart.Contains(domain))
            {
                continue;
            }

            await ToolRunner.RunAsync(VirshExecutable, ["-c", Uri, "destroy", domain], timeout.Token).ConfigureAwait(false);
            await ToolRunner.RunAsync(VirshExecutable, ["-c", Uri, "undefine", domain, "--snapshots-metadata", "--nvram", "--managed-save", "--checkpoints-metadata"], timeout.Token)
                .ConfigureAwait(false);
        }

        foreach (var pool in await ListPoolsAsync(timeout.Token).ConfigureAwait(false))
        {
            if (_poolsAtStart.Contains(pool))
            {
                continue;
            }

            await ToolRunner.RunAsync(VirshExecutable, ["-c", Uri, "pool-destroy", pool], timeout.Token).ConfigureAwait(false);
            await ToolRunner.RunAsync(VirshExecutable, ["-c", Uri, "pool-undefine", pool], timeout.Token).ConfigureAwait(false);
        }
    }
}
