using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Libvirt.Transport;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Hosting;
using VirtRigaud.Provider.Sdk.Staging;
using VirtRigaud.TestPeers;

// The S3 relay of the libvirt provider's s3 staging backend (export: host file → ssh stdout → S3 multipart upload;
// import: S3 → ssh stdin → host file), measured against each leg alone in the same run: the ssh transport by itself
// (cat to nowhere, bytes into a file) and S3 by itself (upload from and download to this process's memory/disk).
// Usage: VirtRigaud.Staging.Bench [--size-mib N] [--repeats N] [--out report.md]
var sizeMiB = 256;
var repeats = 3;
string? output = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--size-mib": sizeMiB = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--repeats": repeats = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--out": output = args[++i]; break;
        default: throw new ArgumentException($"unknown argument {args[i]}");
    }
}

var size = (long)sizeMiB << 20;
Console.Error.WriteLine($"staging bench: {sizeMiB} MiB, {repeats} rounds; starting sshd and Ceph RGW");
await using var ssh = await SshServer.StartAsync();
await using var ceph = await CephObjectGateway.StartAsync();
await ceph.CreateBucketAsync("bench");
var work = Directory.CreateTempSubdirectory("virtrigaud-staging-bench-");
var credentials = Directory.CreateTempSubdirectory("virtrigaud-staging-bench-credentials-");
try
{
    File.WriteAllText(Path.Combine(credentials.FullName, "ssh-privatekey"), ssh.ClientPrivateKey);
    File.WriteAllText(Path.Combine(credentials.FullName, "known_hosts"), ssh.KnownHosts);
    var environment = new ProviderEnvironment(new Dictionary<string, string>());
    await using var runner = CommandRunnerFactory.Create(
        LibvirtEndpoint.Parse($"qemu+ssh://{ssh.User}@{ssh.Host}:{ssh.Port}/system"),
        new ProviderCredentials(credentials.FullName, environment, new SecretRedactor()),
        environment,
        NullLogger.Instance,
        TimeProvider.System);

    // The "disk" on the host: random bytes, so nothing compresses on the way.
    var source = Path.Combine(work.FullName, "disk.raw");
    await using (var file = File.Create(source))
    {
        var block = new byte[1 << 20];
        var random = new Random(42);
        for (var i = 0; i < sizeMiB; i++)
        {
            random.NextBytes(block);
            await file.WriteAsync(block);
        }
    }

    var expected = Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(source)));
    var options = ProviderPayloads.SerializeStorageOptions(new StorageOptionsPayload { Backend = "s3", Endpoint = ceph.Endpoint, UsePathStyle = true });
    var keys = new Dictionary<string, string> { ["accessKeyID"] = CephObjectGateway.AccessKey, ["secretAccessKey"] = CephObjectGateway.SecretKey };
    S3StagingClient Client(string key) => new(S3StagingLocation.Parse($"s3://bench/{key}", "bench", options, keys));

    var cases = new (string Name, string Description, Func<int, Task> Run)[]
    {
        ("ssh-read", "ssh alone: `cat` of the host file over ssh stdout, bytes dropped", async _ =>
            Check(await runner.RunStreamingAsync(["cat", "--", source], null, (stdout, ct) => stdout.CopyToAsync(Stream.Null, ct), CancellationToken.None))),
        ("s3-upload", "S3 alone: multipart upload from a local file (16 MiB parts, SHA-256 on the way)", async round =>
        {
            using var client = Client($"direct-{round}");
            await using var upload = await client.BeginUploadAsync(size, CancellationToken.None);
            await using var file = File.OpenRead(source);
            await upload.WriteAsync(file, CancellationToken.None);
            Same(expected, (await upload.CompleteAsync(CancellationToken.None)).Sha256);
        }),
        ("relay-export", "the export relay: `cat` over ssh stdout into the multipart upload", async round =>
        {
            using var client = Client($"relay-{round}");
            await using var upload = await client.BeginUploadAsync(size, CancellationToken.None);
            Check(await runner.RunStreamingAsync(["cat", "--", source], null, (stdout, ct) => upload.WriteAsync(stdout, ct), CancellationToken.None));
            Same(expected, (await upload.CompleteAsync(CancellationToken.None)).Sha256);
        }),
        ("ssh-write", "ssh alone: bytes of a local file into `cat > file` over ssh stdin", async _ =>
        {
            await using var file = File.OpenRead(source);
            Check(await runner.RunStreamingAsync(
                ["sh", "-c", "cat > \"$1\"", "sh", Path.Combine(work.FullName, "ssh-write.raw")], (stdin, ct) => file.CopyToAsync(stdin, ct), null, CancellationToken.None));
        }),
        ("s3-download", "S3 alone: download, bytes dropped (SHA-256 on the way)", async round =>
        {
            using var client = Client($"direct-{round}");
            Same(expected, (await client.DownloadAsync(Stream.Null, CancellationToken.None)).Sha256);
        }),
        ("relay-import", "the import relay: download into `cat > file` over ssh stdin", async round =>
        {
            using var client = Client($"relay-{round}");
            S3TransferResult? result = null;
            Check(await runner.RunStreamingAsync(
                ["sh", "-c", "cat > \"$1\"", "sh", Path.Combine(work.FullName, "staged.raw")],
                async (stdin, ct) => result = await client.DownloadAsync(stdin, ct),
                null,
                CancellationToken.None));
            Same(expected, result!.Sha256);
        }),
    };

    // Warm-up: every case once on a small object would not warm S3's pools; one full round, not counted.
    var samples = cases.ToDictionary(c => c.Name, _ => new List<double>());
    var allocated = cases.ToDictionary(c => c.Name, _ => new List<double>());
    var process = Process.GetCurrentProcess();
    process.Refresh();
    var baselineWorkingSet = process.WorkingSet64;
    for (var round = 0; round <= repeats; round++)
    {
        foreach (var (name, _, run) in cases)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            await run(round);
            var mibPerSecond = sizeMiB / watch.Elapsed.TotalSeconds;
            if (round > 0)
            {
                samples[name].Add(mibPerSecond);
                allocated[name].Add((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)(1 << 20));
            }

            Console.Error.WriteLine($"round {round}{(round == 0 ? " (warm-up)" : string.Empty)} {name}: {mibPerSecond:0.0} MiB/s");
        }

        // Free the gateway's memory store: the next round writes the same keys again.
        foreach (var key in new[] { $"direct-{round}", $"relay-{round}" })
        {
            using var client = Client(key);
            await client.DeleteAsync(CancellationToken.None);
        }
    }

    process.Refresh();
    double Median(string name)
    {
        var sorted = samples[name].Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    var report = new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"# S3 staging relay — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"{sizeMiB} MiB of random bytes, median of {repeats} rounds after one warm-up round; sshd and Ceph RGW 16 (memstore) on loopback; {Environment.ProcessorCount} cores.")
        .AppendLine(CultureInfo.InvariantCulture, $"Every upload and download checked against the file's SHA-256. Working set of this process: {baselineWorkingSet >> 20} MiB before the first round (peers started, file written), peak {process.PeakWorkingSet64 >> 20} MiB.")
        .AppendLine()
        .AppendLine("| case | what | MiB/s (median) | rounds | managed MiB allocated per round (median) |")
        .AppendLine("|---|---|---|---|---|");
    foreach (var (name, description, _) in cases)
    {
        var perRound = allocated[name].Order().ToList()[allocated[name].Count / 2];
        report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {description} | {Median(name):0.0} | {string.Join(", ", samples[name].Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)))} | {perRound:0.0} |");
    }

    var exportBound = Math.Min(Median("ssh-read"), Median("s3-upload"));
    var importBound = Math.Min(Median("ssh-write"), Median("s3-download"));
    report.AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"- export relay / slower of its two legs alone: **{Median("relay-export") / exportBound:0.00}** ({Median("relay-export"):0.0} / {exportBound:0.0} MiB/s)")
        .AppendLine(CultureInfo.InvariantCulture, $"- import relay / slower of its two legs alone: **{Median("relay-import") / importBound:0.00}** ({Median("relay-import"):0.0} / {importBound:0.0} MiB/s)")
        .AppendLine("- 1.00 would mean the relay costs nothing beyond its slower leg; the two legs share the same two cores here, so below 1 is expected.");
    var text = report.ToString();
    Console.WriteLine(text);
    if (output is not null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, text);
    }
}
finally
{
    work.Delete(recursive: true);
    credentials.Delete(recursive: true);
}

static void Check(CommandResult result)
{
    if (!result.Succeeded)
    {
        throw new InvalidOperationException($"command failed ({result.ExitCode}): {result.StandardError}");
    }
}

static void Same(string expected, string actual)
{
    if (expected != actual)
    {
        throw new InvalidOperationException($"SHA-256 {actual} is not the file's {expected}");
    }
}
