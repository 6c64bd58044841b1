using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace VirtRigaud.TestPeers;

/// <summary>
/// A real NFS server for tests (TEST-PEERS.md §4): NFS-Ganesha with its VFS backend exporting a private folder as
/// <c>/export</c>, NFSv3 and v4 on 127.0.0.1:2049 with MOUNT on 20048, so qemu's libnfs driver (<c>nfs://</c>, v3 only)
/// can read and write it. NFSv3 needs the portmapper: rpcbind is started when none runs (it listens on port 111 of every
/// address — rpcbind crashes when bound to loopback only) and stopped again. The ports are the protocol's well-known
/// ones, so one server runs per machine at a time, behind a lock file. Disposal stops what it started and deletes the
/// folder.
/// </summary>
public sealed class NfsServer : IAsyncDisposable
{
    /// <summary>NFS's port.</summary>
    public const int NfsPort = 2049;

    /// <summary>The MOUNT protocol's port.</summary>
    public const int MountPort = 20048;

    private const string GaneshaExecutable = "/usr/bin/ganesha.nfsd";
    private const string RpcbindExecutable = "/usr/sbin/rpcbind";
    private const string LockFile = "/tmp/virtrigaud-nfs.lock";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly FileStream _lock;
    private PeerProcess? _ganesha;
    private PeerProcess? _rpcbind;

    private NfsServer(string root, FileStream @lock)
    {
        _root = root;
        _lock = @lock;
    }

    /// <summary>The exported folder on this machine (what clients see as <c>/export</c>).</summary>
    public string ExportDirectory => Path.Combine(_root, "export");

    /// <summary>What Ganesha logged.</summary>
    public string Log => File.Exists(Path.Combine(_root, "ganesha.log")) ? File.ReadAllText(Path.Combine(_root, "ganesha.log")) : _ganesha?.Log ?? string.Empty;

    /// <summary><c>nfs://127.0.0.1/export/&lt;relativePath&gt;</c>.</summary>
    public string Url(string relativePath) => "nfs://127.0.0.1/export/" + relativePath.TrimStart('/');

    /// <summary>Takes the machine-wide lock, starts rpcbind (unless one runs) and Ganesha, and waits until both ports answer.</summary>
    /// <exception cref="InvalidOperationException">Ganesha or rpcbind is not installed, or the server did not start; the message carries its log.</exception>
    public static async Task<NfsServer> StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(GaneshaExecutable) || !File.Exists(RpcbindExecutable))
        {
            throw new InvalidOperationException("NFS-Ganesha or rpcbind is not installed; run hack/install-libvirt-deps.sh (packages nfs-ganesha, nfs-ganesha-vfs, rpcbind).");
        }

        var @lock = await MachineResources.AcquireLockAsync(LockFile, LockTimeout, "NFS peer", cancellationToken).ConfigureAwait(false);
        var server = new NfsServer(Directory.CreateTempSubdirectory("virtrigaud-nfs-").FullName, @lock);
        try
        {
            await server.LaunchAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops Ganesha (and rpcbind when it was started here), deletes the folder, releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ganesha is { } ganesha)
        {
            await ganesha.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await ganesha.DisposeAsync().ConfigureAwait(false);
        }

        if (_rpcbind is { } rpcbind)
        {
            await rpcbind.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await rpcbind.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }

        await _lock.DisposeAsync().ConfigureAwait(false);
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(ExportDirectory);
        Directory.CreateDirectory(Path.Combine(_root, "recovery"));
        if (MachineResources.FindProcesses("rpcbind").Count == 0)
        {
            // -f: foreground (the peer owns it); -w: warm start files are not needed but harmless.
            _rpcbind = PeerProcess.Start("rpcbind", RpcbindExecutable, ["-f", "-w"]);
        }

        var config = Path.Combine(_root, "ganesha.conf");
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"NFS_CORE_PARAM {{ Bind_addr = 127.0.0.1; NFS_Port = {NfsPort}; MNT_Port = {MountPort}; Protocols = 3, 4; ")
            .Append("Mount_Path_Pseudo = true; Enable_NLM = false; Enable_RQUOTA = false; }\n")
            .Append(CultureInfo.InvariantCulture, $"NFSV4 {{ Graceless = true; RecoveryBackend = fs; RecoveryRoot = {Path.Combine(_root, "recovery")}; }}\n")
            .Append(CultureInfo.InvariantCulture, $"EXPORT {{ Export_Id = 1; Path = {ExportDirectory}; Pseudo = /export; Protocols = 3, 4; Transports = TCP; ")
            .Append("Access_Type = RW; Squash = No_Root_Squash; FSAL { Name = VFS; } }\n")
            .Append("LOG { Default_Log_Level = WARN; }\n")
            .ToString();
        await File.WriteAllTextAsync(config, text, cancellationToken).ConfigureAwait(false);
        _ganesha = PeerProcess.Start(
            "ganesha.nfsd",
            GaneshaExecutable,
            ["-F", "-f", config, "-L", Path.Combine(_root, "ganesha.log"), "-p", Path.Combine(_root, "ganesha.pid")]);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (!await AcceptsAsync(NfsPort, timeout.Token).ConfigureAwait(false) || !await AcceptsAsync(MountPort, timeout.Token).ConfigureAwait(false))
            {
                if (_ganesha.HasExited || _rpcbind is { HasExited: true })
                {
                    throw new InvalidOperationException($"the NFS server exited before it was ready:\n{Log}\n{_rpcbind?.Log}");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"the NFS server did not answer on ports {NfsPort} and {MountPort} within {StartTimeout}:\n{Log}");
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
