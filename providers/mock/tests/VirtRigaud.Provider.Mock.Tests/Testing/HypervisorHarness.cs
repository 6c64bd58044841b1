using Microsoft.Extensions.Logging.Abstractions;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Hypervisor;

namespace VirtRigaud.Provider.Mock.Tests.Testing;

/// <summary>
/// A started <see cref="MockHypervisor"/> on a manual clock, with its data directory (and state file, when asked) in
/// a temporary folder removed on dispose.
/// </summary>
internal sealed class HypervisorHarness : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private HypervisorHarness(string directory, MockHypervisorOptions options, ManualTimeProvider time, FaultInjector faults)
    {
        Directory = directory;
        Options = options;
        Time = time;
        Faults = faults;
        Hypervisor = new MockHypervisor(options, time, faults, _http, NullLogger<MockHypervisor>.Instance);
    }

    public string Directory { get; }

    public MockHypervisorOptions Options { get; }

    public ManualTimeProvider Time { get; }

    public FaultInjector Faults { get; }

    public MockHypervisor Hypervisor { get; }

    /// <summary>Starts a hypervisor; <paramref name="configure"/> adjusts the options (data directory and state file already point into the temporary folder).</summary>
    public static async Task<HypervisorHarness> StartAsync(Func<MockHypervisorOptions, MockHypervisorOptions>? configure = null, string? directory = null, ManualTimeProvider? time = null)
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory("virtrigaud-mock-test-").FullName;
        var options = new MockHypervisorOptions
        {
            DataDirectory = Path.Combine(directory, "data"),
            MigrationStorageRoot = Path.Combine(directory, "migration"),
        };
        options = configure?.Invoke(options) ?? options;
        var harness = new HypervisorHarness(directory, options, time ?? new ManualTimeProvider(), new FaultInjector());
        await harness.Hypervisor.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>A second hypervisor on the same folder and clock (a restart, with the state file when configured).</summary>
    public async Task<HypervisorHarness> RestartAsync(Func<MockHypervisorOptions, MockHypervisorOptions>? configure = null) =>
        await StartAsync(o => configure?.Invoke(Options) ?? Options, Directory, Time);

    /// <summary>Creates a small VM with one NIC.</summary>
    public VmCreated CreateVm(string name, int cpu = 2, int memoryMiB = 2048, bool guestTools = true, int diskSizeGiB = 1) =>
        Hypervisor.Create(new VmCreateSpec
        {
            Name = name,
            Cpu = cpu,
            MemoryMiB = memoryMiB,
            GuestTools = guestTools,
            DiskSizeGiB = diskSizeGiB,
            Networks = [new NicRequest { Name = "eth0", NetworkName = "default" }],
        });

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        Faults.Dispose();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
