using VirtRigaud.Grpc;
using VirtRigaud.Provider.Mock.Hypervisor;
using VirtRigaud.Provider.Mock.Tests.Testing;

namespace VirtRigaud.Provider.Mock.Tests.Hypervisor;

public sealed class MockHypervisorCloneTests
{
    [Fact]
    public async Task Clone_Full_CopiesContentWithNewIdentityAndNoBacking()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var source = h.CreateVm("golden", cpu: 2, memoryMiB: 1024).VmId;
        h.Hypervisor.Power(source, PowerAction.On, TimeSpan.Zero);

        var clone = h.Hypervisor.Clone(new CloneSpec { SourceVmId = source, TargetName = "copy", Cpu = 4, MemoryMiB = 4096, Hostname = "copy-host" });
        var vm = h.Hypervisor.Describe(clone.VmId)!;
        var disk = h.Hypervisor.GetDiskInfo(clone.VmId, "", "");

        Assert.Equal((4, 4096, "Off"), (vm.Cpu, vm.MemoryMiB, vm.PowerState));
        Assert.Equal("", disk.BackingFile);
        Assert.Equal(h.Hypervisor.GetDiskInfo(source, "", "").Metadata["contentId"], disk.Metadata["contentId"]);
        Assert.NotEqual(h.Hypervisor.Describe(source)!.Networks[0].MacAddress, vm.Networks[0].MacAddress);
        Assert.Equal(("copy-host", source), (vm.Details["hostname"], vm.Details["clonedFrom"]));
        Assert.Null(h.Hypervisor.Delete(source));
    }

    [Fact]
    public async Task Clone_Linked_BacksOnTheSourceAndPinsIt()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var source = h.CreateVm("golden").VmId;

        var clone = h.Hypervisor.Clone(new CloneSpec { SourceVmId = source, TargetName = "linked", Linked = true }).VmId;
        var message = ProviderAssert.Fails(StatusCode.FailedPrecondition, () => h.Hypervisor.Delete(source));

        Assert.Contains(clone, message, StringComparison.Ordinal);
        Assert.Equal(h.Hypervisor.GetDiskInfo(source, "", "").Path, h.Hypervisor.GetDiskInfo(clone, "", "").BackingFile);
        Assert.Null(h.Hypervisor.Delete(clone));
        Assert.Null(h.Hypervisor.Delete(source));
        Assert.Empty(h.Hypervisor.ListVms());
    }

    [Fact]
    public async Task Clone_SameTargetTwice_ReturnsTheFirstClone()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var source = h.CreateVm("golden").VmId;

        var first = h.Hypervisor.Clone(new CloneSpec { SourceVmId = source, TargetName = "copy" });
        var second = h.Hypervisor.Clone(new CloneSpec { SourceVmId = source, TargetName = "copy", Linked = true });

        Assert.Equal(first, second);
        Assert.Equal(2, h.Hypervisor.ListVms().Count);
    }

    [Fact]
    public async Task Clone_LinkedSwitchedOff_IsFailedPreconditionAndFullStillWorks()
    {
        await using var h = await HypervisorHarness.StartAsync(o => o with { Capabilities = new MockCapabilities().Disable(["linked-clones"]) });
        var source = h.CreateVm("golden").VmId;

        ProviderAssert.Fails(StatusCode.FailedPrecondition, () => h.Hypervisor.Clone(new CloneSpec { SourceVmId = source, TargetName = "l", Linked = true }));
        Assert.NotNull(h.Hypervisor.Clone(new CloneSpec { SourceVmId = source, TargetName = "f" }).VmId);
    }

    [Fact]
    public async Task Clone_Customization_SetsAddressesAndRejectsUnknownNics()
    {
        await using var h = await HypervisorHarness.StartAsync();
        var source = h.CreateVm("golden").VmId;

        var clone = h.Hypervisor.Clone(new CloneSpec
        {
            SourceVmId = source,
            TargetName = "custom",
            Networks = [new NicCustomization { Name = "eth0", IpAddress = "172.16.0.9", MacAddress = "52:54:00:00:00:09" }],
        }).VmId;
        h.Hypervisor.Power(clone, PowerAction.On, TimeSpan.Zero);
        var vm = h.Hypervisor.Describe(clone)!;

        Assert.Equal(["172.16.0.9"], vm.IpAddresses);
        Assert.Equal("52:54:00:00:00:09", vm.Networks[0].MacAddress);
        ProviderAssert.Fails(StatusCode.InvalidArgument, () => h.Hypervisor.Clone(new CloneSpec
        {
            SourceVmId = source,
            TargetName = "bad",
            Networks = [new NicCustomization { Name = "eth9" }],
        }));
        ProviderAssert.Fails(StatusCode.NotFound, () => h.Hypervisor.Clone(new CloneSpec { SourceVmId = "vm-404", TargetName = "x" }));
    }
}
