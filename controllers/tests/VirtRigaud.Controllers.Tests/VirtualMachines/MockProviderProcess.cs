using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract;
using VirtRigaud.Provider.V1;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

/// <summary>
/// The real mock provider (<c>virtrigaud-provider-mock</c>) as a child process on free loopback ports, plaintext
/// (loopback only), with its own data directory and a fault-injection file it re-reads every 100 ms
/// (<see cref="SetFaultsAsync"/>). Its build output is located from the repository layout; a missing build fails the
/// test with the command that fixes it.
/// </summary>
public sealed class MockProviderProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private int _faultVersion;

    private MockProviderProcess(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    /// <summary>The gRPC port.</summary>
    public int Port { get; }

    /// <summary>host:port.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The fault-injection file the mock watches.</summary>
    public string FaultsFile => Path.Combine(_directory, "faults.json");

    /// <summary>Starts the mock with extra flags (<c>--task-duration</c>, <c>--templates</c>, …).</summary>
    public static MockProviderProcess Start(params string[] mockArgs)
    {
        var dll = Path.Combine(RepositoryRoot(), "providers", "mock", "src", "VirtRigaud.Provider.Mock", "bin", "Debug", "net10.0", "virtrigaud-provider-mock.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build it with `dotnet build providers/mock/src/VirtRigaud.Provider.Mock`");
        var directory = Path.Combine(Path.GetTempPath(), "virtrigaud-mock-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "faults.json"), "{}");
        var ports = FreePorts.Take(2);
        // Through a shell that closes every inherited descriptor above stderr before it becomes the mock: a test run
        // under `flock` hands its lock descriptor to its children, and a mock orphaned by a crashed test host would
        // otherwise hold the shared build lock forever.
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args =
        [
            "-c",
            "for fd in /proc/$$/fd/*; do n=${fd##*/}; if [ \"$n\" -gt 2 ]; then eval \"exec $n>&-\" 2>/dev/null; fi; done; exec \"$@\"",
            "virtrigaud-provider-mock",
            "dotnet",
            dll,
            "--port", ports[0].ToString(CultureInfo.InvariantCulture),
            "--health-port", ports[1].ToString(CultureInfo.InvariantCulture),
            "--bind-address", "127.0.0.1",
            "--data-dir", Path.Combine(directory, "data"),
            "--faults-file", Path.Combine(directory, "faults.json"),
            "--faults-reload-interval", "100ms",
        ];
        foreach (var arg in args.Concat(mockArgs))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VIRTRIGAUD_PROVIDER_INSECURE"] = "true";
        start.Environment["LOG_LEVEL"] = "warn";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new MockProviderProcess(process, ports[0], directory);
    }

    /// <summary>
    /// Replaces the fault-injection document (the mock README's format: <c>rpcs</c>, <c>tasks</c>, <c>down</c>) and
    /// waits until the mock applied it: the document carries a probe rule on HardwareUpgrade (an RPC the controllers
    /// never call) whose message is unique per call; a <c>down</c> document is applied when Validate says not ok.
    /// </summary>
    public async Task SetFaultsAsync(JsonObject? faults = null)
    {
        var nonce = "faults-" + Interlocked.Increment(ref _faultVersion).ToString(CultureInfo.InvariantCulture);
        var document = faults?.DeepClone().AsObject() ?? [];
        var rpcs = document["rpcs"]?.AsObject() ?? [];
        document["rpcs"] = rpcs;
        rpcs["HardwareUpgrade"] = new JsonObject { ["failAlways"] = true, ["code"] = "DATA_LOSS", ["message"] = nonce };
        var staging = FaultsFile + ".tmp";
        await File.WriteAllTextAsync(staging, document.ToJsonString());
        File.Move(staging, FaultsFile, overwrite: true);

        using var channel = GrpcChannel.ForAddress(new Uri("http://" + Endpoint));
        var client = new ProviderClient(channel);
        if (document["down"]?.GetValue<bool>() == true)
        {
            // Down answers every RPC with UNAVAILABLE (the probe too); Validate says ok=false.
            await Wait.UntilAsync(async () => !(await client.ValidateAsync()).Ok, "the mock to go down");
            return;
        }

        await Wait.UntilAsync(async () =>
        {
            try
            {
                await client.HardwareUpgradeAsync(new HardwareUpgradeRequest { Id = "probe", TargetVersion = 1 });
                return false;
            }
            catch (RpcException e)
            {
                return e.StatusCode == StatusCode.DataLoss && e.Status.Detail.Contains(nonce, StringComparison.Ordinal);
            }
        }, "the mock to apply the fault document");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp directory is cleaned by the OS.
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VirtRigaud.Apiserver.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (VirtRigaud.Apiserver.sln) not found above " + AppContext.BaseDirectory);
    }
}
