using VirtRigaud.Grpc;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.Hypervisor;

public sealed class MockHypervisorReconfigureTests
{
    [Fact]
    public async Task Reconfigure_SameDesiredTwice_SecondIsNoOp()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { TaskDuration = TimeSpan.FromSeconds(3) });
        var id = h.CreateVm("vm").VmId;
        h.Time.Advance(TimeSpan.FromSeconds(3));
        var desired = new VmReconfigureSpec { Cpu = 4, MemoryMiB = 4096 };

        var first = h.Hypervisor.Reconfigure(id, desired);
        var joined = h.Hypervisor.Reconfigure(id, desired);
        h.Time.Advance(TimeSpan.FromSeconds(3));
        var after = h.Hypervisor.Reconfigure(id, desired);

        Assert.NotNull(first);
        Assert.Equal(first, joined);
        Assert.Null(after);
        Assert.Equal((4, 4096), (h.Hypervisor.Describe(id)!.Cpu, h.Hypervisor.Describe(id)!.MemoryMiB));
    }

    [Fact]
    public async Task Reconfigure_RunningVmIncrease_IsHotAdded()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);

        h.Hypervisor.Reconfigure(id, new VmReconfigureSpec { Cpu = 3, MemoryMiB = 3072, DiskSizeGiB = 2, Disks = [new DiskRequest { Name = "data", SizeGiB = 1 }] });
        var vm = h.Hypervisor.Describe(id)!;

        Assert.Equal((3, 3072, "On"), (vm.Cpu, vm.MemoryMiB, vm.PowerState));
        Assert.Equal([("disk-0", 2), ("disk-1", 1)], vm.Disks.Select(d => (d.Id, d.SizeGiB)));
    }

    [Theory]
    [InlineData(1, 2048, "", "hot-remove")]
    [InlineData(2, 1024, "", "hot-remove")]
    [InlineData(4, 2048, "reconfigure-online", "supports_reconfigure_online")]
    [InlineData(2, 2048, "disk-expansion-online", "supports_disk_expansion_online")]
    public async Task Reconfigure_RunningVmNeedsPowerOff_IsFailedPrecondition(int cpu, int memoryMiB, string disabled, string reason)
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { Capabilities = new MockCapabilities().Disable([disabled]) });
        var id = h.CreateVm("vm", cpu: 2, memoryMiB: 2048).VmId;
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);

        var message = ProviderAssert.Fails(StatusCode.FailedPrecondition, () => h.Hypervisor.Reconfigure(id, new VmReconfigureSpec { Cpu = cpu, MemoryMiB = memoryMiB, DiskSizeGiB = 2 }));
        h.Hypervisor.Power(id, PowerAction.Off, TimeSpan.Zero);
        h.Hypervisor.Reconfigure(id, new VmReconfigureSpec { Cpu = cpu, MemoryMiB = memoryMiB, DiskSizeGiB = 2 });

        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.Equal((cpu, memoryMiB, 2), (h.Hypervisor.Describe(id)!.Cpu, h.Hypervisor.Describe(id)!.MemoryMiB, h.Hypervisor.Describe(id)!.Disks[0].SizeGiB));
    }

    [Fact]
    public async Task Reconfigure_ShrinkDisk_IsInvalidArgument()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm", diskSizeGiB: 10).VmId;

        var message = ProviderAssert.Fails(StatusCode.InvalidArgument, () => h.Hypervisor.Reconfigure(id, new VmReconfigureSpec { DiskSizeGiB = 5 }));

        Assert.Contains("cannot shrink", message, StringComparison.Ordinal);
        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.Reconfigure("vm-404", new VmReconfigureSpec { Cpu = 1 }));
    }

    [Fact]
    public async Task HardwareUpgrade_Raises_OnlyWhenOff()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var id = h.CreateVm("vm").VmId;
        h.Hypervisor.Power(id, PowerAction.On, TimeSpan.Zero);

        ProviderAssert.Fails(StatusCode.FailedPrecondition, () => h.Hypervisor.HardwareUpgrade(id, 21));
        h.Hypervisor.Power(id, PowerAction.Off, TimeSpan.Zero);
        h.Hypervisor.HardwareUpgrade(id, 21);
        Assert.Null(h.Hypervisor.HardwareUpgrade(id, 19));

        Assert.Equal("21", h.Hypervisor.Describe(id)!.Details["hardwareVersion"]);
    }

    [Fact]
    public async Task HardwareUpgrade_SwitchedOff_IsUnimplemented()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { Capabilities = new MockCapabilities().Disable(["hardware-upgrade"]) });
        var id = h.CreateVm("vm").VmId;

        ProviderAssert.Fails(StatusCode.Unimplemented, () => h.Hypervisor.HardwareUpgrade(id, 21));
    }
}
