using VirtRigaud.Grpc;
using VirtRigaud.Provider.Mock.DiskImages;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.State;

public sealed class MockStateStoreTests
{
    [Fact]
    public async Task Restart_WithStateFile_KeepsVmsSnapshotsImagesAndTasks()
    {
        await using var h = await HypervisorHarness.StartAsync(WithState);
        var web = h.CreateVm("web", cpu: 3).VmId;
        var db = h.CreateVm("db").VmId;
        h.Hypervisor.Power(web, PowerAction.On, TimeSpan.Zero);
        h.Hypervisor.CreateSnapshot(db, "s1", false, "first");
        var linked = h.Hypervisor.Clone(new CloneSpec { SourceVmId = db, TargetName = "db-clone", Linked = true }).VmId;
        var source = Path.Combine(h.Directory, "in.qcow2");
        await DiskImageFile.WriteAsync(source, DiskImageFormat.Qcow2, new DiskContent { ContentId = "00112233445566778899aabbccddeeff", Generation = 1, VirtualSizeBytes = 1L << 30 }, CancellationToken.None);
        var imported = await h.Hypervisor.ImportDiskAsync(new DiskImportSpec { SourceUrl = new Uri(source).AbsoluteUri, TargetName = "imported" }, CancellationToken.None);
        var before = h.Hypervisor.ListVms();

        await using var restarted = await h.RestartAsync();
        var after = restarted.Hypervisor.ListVms();

        Assert.Equal(before.Select(v => (v.Id, v.Name, v.PowerState, v.Cpu, v.ConsoleUrl)), after.Select(v => (v.Id, v.Name, v.PowerState, v.Cpu, v.ConsoleUrl)));
        Assert.Equal(before.Select(v => v.Networks[0].MacAddress), after.Select(v => v.Networks[0].MacAddress));
        Assert.Equal(["s1"], restarted.Hypervisor.GetDiskInfo(db, "", "").Snapshots);
        ProviderAssert.Fails(StatusCode.FailedPrecondition, () => restarted.Hypervisor.Delete(db));
        Assert.Equal(imported, await restarted.Hypervisor.ImportDiskAsync(new DiskImportSpec { SourceUrl = new Uri(source).AbsoluteUri, TargetName = "imported" }, CancellationToken.None));
        Assert.Equal("vm-4", restarted.CreateVm("new").VmId);
        Assert.NotNull(restarted.Hypervisor.AttachConsole(web));
        Assert.NotNull(linked);
    }

    [Fact]
    public async Task Restart_DuringTasks_KeepsDueTimesAndTransitions()
    {
        await using var h = await HypervisorHarness.StartAsync(o => WithState(o) with { TaskDuration = TimeSpan.FromSeconds(30) });
        var id = h.CreateVm("vm").VmId;
        h.Time.Advance(TimeSpan.FromSeconds(30));
        var power = h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero)!;
        h.Time.Advance(TimeSpan.FromSeconds(10));

        await using var restarted = await h.RestartAsync();
        var starting = restarted.Hypervisor.Describe(id)!.DetailedPowerState;
        var progress = restarted.Hypervisor.GetTask(power);
        restarted.Time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(VmPowerState.Starting, starting);
        Assert.Equal((false, 33.3), (progress.Done, progress.Percentage));
        Assert.True(restarted.Hypervisor.GetTask(power).Done);
        Assert.Equal("On", restarted.Hypervisor.Describe(id)!.PowerState);
    }

    [Fact]
    public async Task Restart_WithoutStateFile_StartsEmpty()
    {
        await using var h = await HypervisorHarness.StartAsync();
        h.CreateVm("vm");

        await using var restarted = await h.RestartAsync();

        Assert.Empty(restarted.Hypervisor.ListVms());
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"version": 99}""")]
    public async Task StartAsync_UnreadableStateFile_Refuses(string content)
    {
        var directory = Directory.CreateTempSubdirectory("virtrigaud-mock-test-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "state.json"), content);

            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => HypervisorHarness.StartAsync(o => o with { StateFile = Path.Combine(directory, "state.json") }, directory));

            Assert.Contains("state.json", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task StateFile_NeverHoldsUserData()
    {
        await using var h = await HypervisorHarness.StartAsync(WithState);

        h.Hypervisor.Create(new VmCreateSpec { Name = "vm", Cpu = 1, MemoryMiB = 512, UserDataBytes = 42 });
        var text = await File.ReadAllTextAsync(h.Options.StateFile!);

        Assert.Contains("\"userDataBytes\": 42", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"runCancellation\"", text, StringComparison.Ordinal);
    }

    private static MockHypervisorOptions WithState(MockHypervisorOptions options) =>
        options with { StateFile = Path.Combine(Path.GetDirectoryName(options.DataDirectory)!, "state", "mock.json") };
}
