using VirtRigaud.Grpc;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.Hypervisor;

public sealed class MockHypervisorSnapshotTests
{
    [Fact]
    public async Task CreateSnapshot_SameNameTwice_ReturnsTheSameSnapshot()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;

        var first = h.Hypervisor.CreateSnapshot(id, "before-upgrade", includeMemory: false, "pre");
        var second = h.Hypervisor.CreateSnapshot(id, "before-upgrade", includeMemory: false, "pre");
        var unnamed = h.Hypervisor.CreateSnapshot(id, "", includeMemory: false, "");

        Assert.Equal("before-upgrade", first.SnapshotId);
        Assert.Equal(first, second);
        Assert.Equal("snapshot-1", unnamed.SnapshotId);
        Assert.Equal(["before-upgrade", "snapshot-1"], h.Hypervisor.GetDiskInfo(id, "", "").Snapshots);
    }

    [Fact]
    public async Task RevertSnapshot_WithoutMemory_RestoresHardwareDisksAndPowersOff()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm", cpu: 2, memoryMiB: 2048).VmId;
        h.Hypervisor.CreateSnapshot(id, "s1", includeMemory: false, "");
        h.Hypervisor.Reconfigure(id, new VmReconfigureSpec { Cpu = 4, MemoryMiB = 4096, DiskSizeGiB = 5, Disks = [new DiskRequest { Name = "data", SizeGiB = 3 }] });
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);

        h.Hypervisor.RevertSnapshot(id, "s1");
        var vm = h.Hypervisor.Describe(id)!;

        Assert.Equal((2, 2048, "Off"), (vm.Cpu, vm.MemoryMiB, vm.PowerState));
        Assert.Equal((1, "disk-0"), (vm.Disks[0].SizeGiB, Assert.Single(vm.Disks).Id));
        Assert.Equal("0", h.Hypervisor.GetDiskInfo(id, "", "").Metadata["generation"]);
        Assert.Equal("s1", vm.Details["currentSnapshot"]);
    }

    [Fact]
    public async Task RevertSnapshot_WithMemory_LeavesTheVmRunning()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);
        h.Hypervisor.CreateSnapshot(id, "live", includeMemory: true, "");
        h.Hypervisor.Power(id, PowerAction.Off, TimeSpan.Zero);

        h.Hypervisor.RevertSnapshot(id, "live");
        var vm = h.Hypervisor.Describe(id)!;

        Assert.Equal("On", vm.PowerState);
        Assert.Equal("1", h.Hypervisor.GetDiskInfo(id, "", "").Metadata["generation"]);
    }

    [Fact]
    public async Task CreateSnapshot_MemoryOfStoppedVm_IsDiskOnly()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;
        h.Hypervisor.CreateSnapshot(id, "cold", includeMemory: true, "");
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);

        h.Hypervisor.RevertSnapshot(id, "cold");

        Assert.Equal("Off", h.Hypervisor.Describe(id)!.PowerState);
    }

    [Fact]
    public async Task DeleteSnapshot_MiddleOfChain_ReparentsChildrenAndMovesCurrent()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;
        h.Hypervisor.CreateSnapshot(id, "a", false, "");
        h.Hypervisor.CreateSnapshot(id, "b", false, "");
        h.Hypervisor.RevertSnapshot(id, "a");
        h.Hypervisor.CreateSnapshot(id, "c", false, "");
        h.Hypervisor.RevertSnapshot(id, "b");

        h.Hypervisor.DeleteSnapshot(id, "b");
        var afterB = h.Hypervisor.Describe(id)!.Details["currentSnapshot"];
        h.Hypervisor.DeleteSnapshot(id, "a");

        Assert.Equal("a", afterB);
        Assert.False(h.Hypervisor.Describe(id)!.Details.ContainsKey("currentSnapshot"));
        Assert.Equal(["c"], h.Hypervisor.GetDiskInfo(id, "", "").Snapshots);
        Assert.Null(h.Hypervisor.DeleteSnapshot(id, "a"));
        Assert.Null(h.Hypervisor.DeleteSnapshot("vm-404", "a"));
    }

    [Fact]
    public async Task RevertSnapshot_Missing_IsNotFound()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;

        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.RevertSnapshot(id, "nope"));
        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.RevertSnapshot("vm-404", "nope"));
        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.CreateSnapshot("vm-404", "s", false, ""));
        ProviderAssert.Fails(StatusCode.InvalidArgument, () => h.Hypervisor.CreateSnapshot(id, "a/b", false, ""));
    }

    [Fact]
    public async Task Snapshots_SwitchedOff_AreUnimplemented()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { Capabilities = new MockCapabilities().Disable(["snapshots"]) });
        var id = h.CreateVm("vm").VmId;

        ProviderAssert.Fails(StatusCode.Unimplemented, () => h.Hypervisor.CreateSnapshot(id, "s", false, ""));
        ProviderAssert.Fails(StatusCode.Unimplemented, () => h.Hypervisor.RevertSnapshot(id, "s"));
        ProviderAssert.Fails(StatusCode.Unimplemented, () => h.Hypervisor.DeleteSnapshot(id, "s"));
    }

    [Fact]
    public async Task CreateSnapshot_MemorySwitchedOff_IsUnimplementedButDiskSnapshotsWork()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { Capabilities = new MockCapabilities().Disable(["memory-snapshots"]) });
        var id = h.CreateVm("vm").VmId;

        ProviderAssert.Fails(StatusCode.Unimplemented, () => h.Hypervisor.CreateSnapshot(id, "s", includeMemory: true, ""));
        Assert.Equal("s", h.Hypervisor.CreateSnapshot(id, "s", includeMemory: false, "").SnapshotId);
    }

    [Fact]
    public async Task GetDiskInfo_AtSnapshot_ReportsTheSnapshotState()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm", diskSizeGiB: 2).VmId;
        h.Hypervisor.CreateSnapshot(id, "small", false, "");
        h.Hypervisor.Reconfigure(id, new VmReconfigureSpec { DiskSizeGiB = 4, Disks = [new DiskRequest { Name = "data", SizeGiB = 1 }] });

        var now = h.Hypervisor.GetDiskInfo(id, "disk-0", "");
        var then = h.Hypervisor.GetDiskInfo(id, "", "small");

        Assert.Equal(4L << 30, now.VirtualSizeBytes);
        Assert.Equal(2L << 30, then.VirtualSizeBytes);
        Assert.True(then.IsBootable);
        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.GetDiskInfo(id, "data", "small"));
        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.GetDiskInfo(id, "", "nope"));
        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.GetDiskInfo(id, "disk-9", ""));
        Assert.False(h.Hypervisor.GetDiskInfo(id, "data", "").IsBootable);
    }
}
