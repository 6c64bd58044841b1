using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.S3;

namespace VirtRigaud.TestPeers;

/// <summary>
/// A real S3 endpoint for tests (TEST-PEERS.md §5b): a one-node Ceph cluster (one monitor, one memstore OSD, no
/// manager) with the RADOS Gateway in front of it, all as plain foreground processes in a private folder, listening on
/// 127.0.0.1 only. Unlike lightweight S3 emulators it checks SigV4 signatures and payload hashes, so a client that signs
/// wrongly or sends the wrong secret is refused here as it would be by AWS. One S3 user is created with
/// <see cref="AccessKey"/>/<see cref="SecretKey"/>; buckets are the test's to create.
/// <para>
/// The ports are fixed (gateway <see cref="Port"/>, monitor +1/+2, OSD +10…+49), so one cluster runs per machine at a
/// time behind a lock file. Disposal stops the daemons and deletes the folder (object data lives in the OSD's memory).
/// </para>
/// </summary>
public sealed class CephObjectGateway : IAsyncDisposable
{
    /// <summary>The gateway's HTTP port.</summary>
    public const int Port = 17480;

    /// <summary>The S3 access key of the test user.</summary>
    public const string AccessKey = "VIRTRIGAUDTESTKEY000";

    /// <summary>The S3 secret key of the test user.</summary>
    public const string SecretKey = "virtrigaud-test-secret-0000000000000000";

    private const string BinDirectory = "/usr/bin";
    private const string LockFile = "/tmp/virtrigaud-ceph.lock";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] Executables = ["ceph-mon", "ceph-osd", "radosgw", "ceph", "radosgw-admin", "ceph-authtool", "monmaptool"];

    private readonly string _root;
    private readonly FileStream _lock;
    private readonly List<PeerProcess> _daemons = [];

    private CephObjectGateway(string root, FileStream @lock)
    {
        _root = root;
        _lock = @lock;
    }

    /// <summary>The S3 endpoint, <c>http://127.0.0.1:&lt;port&gt;</c> (path-style addressing).</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// <summary>The daemons' logs, for failure messages.</summary>
    public string Log
    {
        get
        {
            var log = new StringBuilder();
            foreach (var daemon in _daemons)
            {
                log.Append("--- ").Append(daemon.Name).AppendLine(" ---").Append(daemon.Log);
            }

            var logs = Path.Combine(_root, "log");
            if (Directory.Exists(logs))
            {
                foreach (var file in Directory.EnumerateFiles(logs, "*.log"))
                {
                    var text = File.ReadAllText(file);
                    log.Append("--- ").Append(Path.GetFileName(file)).AppendLine(" (last 4000 characters) ---").Append(text[Math.Max(0, text.Length - 4000)..]);
                }
            }

            return log.ToString();
        }
    }

    /// <summary>
    /// A client of the test user, path-style, with flexible checksums only where required (Ceph 16 refuses the CRC32
    /// trailers current AWS SDKs send by default). The caller disposes it.
    /// </summary>
    public AmazonS3Client CreateClient(string? secretKey = null) => new(
        new BasicAWSCredentials(AccessKey, secretKey ?? SecretKey),
        new AmazonS3Config
        {
            ServiceURL = Endpoint,
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    /// <summary>Creates <paramref name="bucket"/> (owned by the test user; creating it again is fine).</summary>
    public async Task CreateBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        await client.PutBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the machine-wide lock, bootstraps the cluster, starts the gateway, creates the user and waits until S3 answers.</summary>
    /// <exception cref="InvalidOperationException">Ceph is not installed or the gateway did not become ready; the message carries the logs.</exception>
    public static async Task<CephObjectGateway> StartAsync(CancellationToken cancellationToken = default)
    {
        var missing = Executables.Where(e => !File.Exists(Path.Combine(BinDirectory, e))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Ceph is not installed ({string.Join(", ", missing)} missing); run hack/install-test-deps.sh (Debian packages ceph-mon, ceph-osd, radosgw, ceph-common).");
        }

        var @lock = await MachineResources.AcquireLockAsync(LockFile, LockTimeout, "Ceph S3 peer", cancellationToken).ConfigureAwait(false);
        var gateway = new CephObjectGateway(Directory.CreateTempSubdirectory("virtrigaud-ceph-").FullName, @lock);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            try
            {
                await gateway.LaunchAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"the Ceph S3 gateway was not ready within {StartTimeout}:\n{gateway.Log}");
            }

            return gateway;
        }
        catch
        {
            await gateway.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the gateway, the OSD and the monitor (in that order), deletes the folder and releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = _daemons.Count - 1; i >= 0; i--)
        {
            await _daemons[i].StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await _daemons[i].DisposeAsync().ConfigureAwait(false);
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

    private string Config => Path.Combine(_root, "ceph.conf");

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        foreach (var folder in new[] { "log", "run", "mon", "osd", "rgw", "crash", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
        }

        var fsid = Guid.NewGuid().ToString();
        await File.WriteAllTextAsync(Config, ConfigText(fsid), cancellationToken).ConfigureAwait(false);
        var keyring = Path.Combine(_root, "keyring");
        var monmap = Path.Combine(_root, "monmap");
        await RunAsync("ceph-authtool", ["--create-keyring", keyring, "--gen-key", "-n", "mon.", "--cap", "mon", "allow *"], cancellationToken).ConfigureAwait(false);
        await RunAsync(
            "monmaptool",
            ["--create", "--addv", "a", string.Create(CultureInfo.InvariantCulture, $"[v2:127.0.0.1:{Port + 1},v1:127.0.0.1:{Port + 2}]"), "--fsid", fsid, monmap],
            cancellationToken).ConfigureAwait(false);
        await RunAsync("ceph-mon", ["-c", Config, "--mkfs", "-i", "a", "--monmap", monmap, "--keyring", keyring], cancellationToken).ConfigureAwait(false);
        Start("ceph-mon", ["-c", Config, "-i", "a", "-f"]);

        // `ceph osd new` waits for the monitor's quorum itself.
        var osdUuid = Guid.NewGuid().ToString();
        var osdId = (await RunAsync("ceph", ["-c", Config, "--connect-timeout", "30", "osd", "new", osdUuid], cancellationToken).ConfigureAwait(false)).Trim();
        Directory.CreateDirectory(Path.Combine(_root, "osd", "ceph-" + osdId));
        Directory.CreateDirectory(Path.Combine(_root, "rgw", "ceph-rgw.a"));
        await RunAsync("ceph-osd", ["-c", Config, "-i", osdId, "--mkfs", "--osd-uuid", osdUuid], cancellationToken).ConfigureAwait(false);
        Start("ceph-osd", ["-c", Config, "-i", osdId, "-f"]);
        Start("radosgw", ["-c", Config, "--id", "rgw.a", "-f"]);
        await RunAsync(
            "radosgw-admin",
            ["-c", Config, "user", "create", "--uid", "virtrigaud-test", "--display-name", "virtrigaud tests", "--access-key", AccessKey, "--secret", SecretKey],
            cancellationToken).ConfigureAwait(false);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_daemons.FirstOrDefault(d => d.HasExited) is { } exited)
            {
                throw new InvalidOperationException($"{exited.Name} exited before the gateway was ready:\n{Log}");
            }

            try
            {
                // An anonymous ListAllMyBuckets answers 200 once the gateway serves requests.
                using var response = await http.GetAsync(new Uri(Endpoint + "/"), cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    private void Start(string name, IEnumerable<string> arguments) => _daemons.Add(PeerProcess.Start(name, Path.Combine(BinDirectory, name), arguments));

    private async Task<string> RunAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var list = arguments.ToList();
        var result = await ToolRunner.RunAsync(Path.Combine(BinDirectory, tool), list, cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0
            ? result.StandardOutput
            : throw new InvalidOperationException($"{tool} {string.Join(' ', list)} failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}\n{Log}");
    }

    /// <summary>
    /// One monitor, one memstore OSD and the gateway on 127.0.0.1, no authentication between daemons, pools of size 1,
    /// and the monitor's proposal interval cut from 1 s to 10 ms (the gateway creates its pools one by one on first start:
    /// 9 s otherwise). <c>ms mon client mode = crc</c>: radosgw defaults to a secure monitor connection, which needs cephx.
    /// </summary>
    private string ConfigText(string fsid)
    {
        var r = _root;
        var lines = new[]
        {
            "[global]",
            $"fsid = {fsid}",
            $"mon host = [v2:127.0.0.1:{Port + 1},v1:127.0.0.1:{Port + 2}]",
            "mon initial members = a",
            "public addr = 127.0.0.1",
            "cluster addr = 127.0.0.1",
            "public network = 127.0.0.1/32",
            "cluster network = 127.0.0.1/32",
            "ms bind ipv6 = false",
            $"ms bind port min = {Port + 10}",
            $"ms bind port max = {Port + 49}",
            "auth cluster required = none",
            "auth service required = none",
            "auth client required = none",
            "ms mon client mode = crc",
            $"keyring = {r}/keyring",
            $"log file = {r}/log/$name.log",
            $"mon cluster log file = {r}/log/cluster.log",
            $"run dir = {r}/run",
            $"admin socket = {r}/run/$name.asok",
            $"pid file = {r}/run/$name.pid",
            $"crash dir = {r}/crash",
            $"tmp dir = {r}/tmp",
            $"mon data = {r}/mon/$cluster-$id",
            $"osd data = {r}/osd/$cluster-$id",
            "osd objectstore = memstore",
            "memstore device bytes = 4294967296",
            "osd memory target = 939524096",
            "osd pool default size = 1",
            "osd pool default min size = 1",
            "osd pool default pg num = 8",
            "osd pool default pgp num = 8",
            "osd pool default pg autoscale mode = off",
            "osd crush chooseleaf type = 0",
            "mon allow pool size one = true",
            "mon allow pool delete = true",
            "mon warn on pool no redundancy = false",
            "mon data avail warn = 1",
            "mon data avail crit = 0",
            "paxos propose interval = 0.01",
            "paxos min wait = 0.001",
            "mon osd full ratio = 0.97",
            "mon osd nearfull ratio = 0.95",
            "osd failsafe full ratio = 0.98",
            "[client.rgw.a]",
            $"rgw frontends = beast endpoint=127.0.0.1:{Port}",
            $"rgw data = {r}/rgw/$cluster-$id",
            "rgw thread pool size = 64",
            "rgw crypt require ssl = false",
        };
        return string.Join('\n', lines) + "\n";
    }
}
