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
/// test with the command that fixes it. <see cref="StartAsync"/> returns once the gRPC port accepts connections; a mock
/// that exits first (a free port taken by another process between the pick and the bind) is started again on new
/// ports, and its last output lines go into the failure message.
/// </summary>
public sealed class MockProviderProcess : IAsyncDisposable
{
    private const int Attempts = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _directory;
    private readonly Queue<string> _output = new();
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

    /// <summary>The mock's last output lines.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>Starts the mock with extra flags (<c>--task-duration</c>, <c>--templates</c>, …) and waits until its gRPC port answers.</summary>
    public static async Task<MockProviderProcess> StartAsync(params string[] mockArgs)
    {
        for (var attempt = 1; ; attempt++)
        {
            var mock = Start(mockArgs);
            var deadline = DateTime.UtcNow + ReadyTimeout;
            while (!mock._process.HasExited && DateTime.UtcNow < deadline && !await AcceptsAsync(mock.Port))
            {
                await Task.Delay(50);
            }

            if (!mock._process.HasExited && DateTime.UtcNow < deadline)
            {
                return mock;
            }

            var why = mock._process.HasExited ? $"exited with {mock._process.ExitCode}" : $"did not listen on {mock.Endpoint} within {ReadyTimeout}";
            var output = mock.Output;
            await mock.DisposeAsync();
            if (attempt == Attempts)
            {
                throw new InvalidOperationException($"the mock provider {why} ({Attempts} attempts); its last output:\n{output}");
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static MockProviderProcess Start(string[] mockArgs)
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
        var mock = new MockProviderProcess(process, ports[0], directory);
        process.OutputDataReceived += (_, e) => mock.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => mock.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return mock;
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

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > 40)
            {
                _output.Dequeue();
            }
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
