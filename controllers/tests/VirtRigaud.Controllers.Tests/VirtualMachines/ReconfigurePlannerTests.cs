using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.VirtualMachines;

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

public sealed class ReconfigurePlannerTests
{
    private const long GiB = 1024L * 1024 * 1024;

    private static readonly ProviderReportedCapabilities AllOnline = new() { SupportsReconfigureOnline = true, SupportsDiskExpansionOnline = true };

    private static readonly ProviderReportedCapabilities Offline = new() { SupportsReconfigureOnline = false, SupportsDiskExpansionOnline = false };

    private static DesiredHardware Desired(int cpu = 2, long memory = 2048, int? primary = null, params DiskSpec[] disks) =>
        new() { Cpu = cpu, MemoryMiB = memory, PrimaryDiskGiB = primary, Disks = disks };

    private static ObservedHardware Observed(int cpu = 2, long memory = 2048, long? primaryBytes = null, int? applied = null, Dictionary<string, long?>? disks = null) =>
        new() { Current = new VirtualMachineResources { Cpu = cpu, MemoryMiB = memory }, PrimaryDiskBytes = primaryBytes, AppliedPrimaryDiskGiB = applied, DiskBytes = disks ?? [] };

    [Theory]
    [InlineData(4, 2048, true, true)]
    [InlineData(2, 4096, true, true)]
    [InlineData(1, 2048, true, false)]
    [InlineData(2, 1024, true, false)]
    [InlineData(4, 2048, false, false)]
    public void Plan_CpuMemory_OnlineOnlyForIncreasesTheProviderCanHotAdd(int cpu, long memory, bool online, bool expected)
    {
        var plan = ReconfigurePlanner.Plan(Desired(cpu, memory), Observed(), online ? AllOnline : Offline);

        Assert.True(plan.HasChanges);
        Assert.Equal(expected, plan.Online);
        Assert.Empty(plan.Refusals);
    }

    [Fact]
    public void Plan_NothingDiffers_NoChanges()
    {
        var plan = ReconfigurePlanner.Plan(Desired(primary: 40, disks: new DiskSpec { Name = "data", SizeGiB = 10 }), Observed(primaryBytes: 40 * GiB, disks: new() { ["data"] = 10 * GiB }), AllOnline);

        Assert.False(plan.HasChanges);
        Assert.Equal(0, plan.PrimaryDiskSizeGiB);
        Assert.Equal(10, plan.DiskSizesGiB["data"]);
    }

    [Fact]
    public void Plan_CurrentResourcesUnknown_CpuMemoryLeftAlone()
    {
        var plan = ReconfigurePlanner.Plan(Desired(8, 8192), new ObservedHardware(), AllOnline);

        Assert.False(plan.HasChanges);
    }

    [Theory]
    [InlineData("Online", true, true)]
    [InlineData("Offline", true, false)]
    [InlineData(null, true, false)]
    [InlineData("Online", false, false)]
    public void Plan_DiskGrowth_OnlineByExpandPolicyAndCapability(string? policy, bool capability, bool expected)
    {
        var plan = ReconfigurePlanner.Plan(
            Desired(disks: new DiskSpec { Name = "data", SizeGiB = 20, ExpandPolicy = policy }),
            Observed(disks: new() { ["data"] = 10 * GiB }),
            new ProviderReportedCapabilities { SupportsDiskExpansionOnline = capability });

        Assert.Equal(["disk data 10 → 20 GiB"], plan.Changes);
        Assert.Equal(expected, plan.Online);
        Assert.Equal(20, plan.DiskSizesGiB["data"]);
    }

    [Fact]
    public void Plan_DiskShrink_RefusedNamingTheFieldAndSentAtItsCurrentSize()
    {
        var plan = ReconfigurePlanner.Plan(
            Desired(cpu: 4, disks: [new DiskSpec { Name = "data", SizeGiB = 5 }, new DiskSpec { Name = "logs", SizeGiB = 8 }]),
            Observed(disks: new() { ["data"] = 20 * GiB, ["logs"] = 4 * GiB }),
            AllOnline);

        Assert.Equal(["spec.disks[data].sizeGiB 5 is smaller than the disk's current 20 GiB: disks cannot shrink"], plan.Refusals);
        Assert.Equal(["2 → 4 vCPU", "disk logs 4 → 8 GiB"], plan.Changes);
        Assert.Equal(20, plan.DiskSizesGiB["data"]);
        Assert.Equal(8, plan.DiskSizesGiB["logs"]);
    }

    [Fact]
    public void Plan_NewDisk_AddedOnlineOnlyWithDiskExpansion()
    {
        var desired = Desired(disks: new DiskSpec { Name = "scratch", SizeGiB = 50 });

        Assert.True(ReconfigurePlanner.Plan(desired, Observed(), AllOnline).Online);
        Assert.False(ReconfigurePlanner.Plan(desired, Observed(), Offline).Online);
        Assert.Equal(["new disk scratch of 50 GiB"], ReconfigurePlanner.Plan(desired, Observed(), Offline).Changes);
    }

    [Fact]
    public void Plan_DiskSizeUnknown_SentAsAskedWithoutAChange()
    {
        var plan = ReconfigurePlanner.Plan(Desired(disks: new DiskSpec { Name = "data", SizeGiB = 10 }), Observed(disks: new() { ["data"] = null }), Offline);

        Assert.False(plan.HasChanges);
        Assert.Equal(10, plan.DiskSizesGiB["data"]);
    }

    [Theory]
    [InlineData(50, 40, null, 50, false)]   // class grew: root disk grows
    [InlineData(40, 50, null, 0, false)]    // image made the root disk larger: left alone, not a shrink
    [InlineData(40, 50, 50, 0, true)]       // class lowered below what was applied: refused
    [InlineData(40, 40, 40, 0, false)]      // as applied
    public void Plan_RootDisk_GrowsWithTheClassAndRefusesOnlyALoweredClass(int classGiB, long actualGiB, int? applied, int expectedSent, bool refused)
    {
        var plan = ReconfigurePlanner.Plan(Desired(primary: classGiB), Observed(primaryBytes: actualGiB * GiB, applied: applied), AllOnline);

        Assert.Equal(expectedSent, plan.PrimaryDiskSizeGiB);
        Assert.Equal(refused, plan.Refusals.Count == 1);
        Assert.Equal(expectedSent > 0, plan.HasChanges);
    }

    [Fact]
    public void DesiredHardware_Of_SpecResourcesOverrideClassAndDiskDefaultsTruncateToGiB()
    {
        var vm = new VirtualMachine
        {
            Metadata = new ObjectMeta { Name = "vm", Namespace = "ns" },
            Spec = new VirtualMachineSpec
            {
                ProviderRef = new ObjectRef { Name = "p" },
                ClassRef = new ObjectRef { Name = "c" },
                Resources = new VirtualMachineResources { Cpu = 6 },
                Disks = [new DiskSpec { Name = "b", SizeGiB = 2 }, new DiskSpec { Name = "a", SizeGiB = 1, ExpandPolicy = "Online" }],
            },
        };
        var vmClass = new VMClass
        {
            Metadata = new ObjectMeta { Name = "c", Namespace = "ns" },
            Spec = new VMClassSpec { Cpu = 2, Memory = Quantity.Parse("3Gi"), DiskDefaults = new DiskDefaults { Size = Quantity.Parse("40.5Gi") } },
        };

        var desired = DesiredHardware.Of(vm, vmClass);

        Assert.Equal(6, desired.Cpu);
        Assert.Equal(3072, desired.MemoryMiB);
        Assert.Equal(40, desired.PrimaryDiskGiB);
        Assert.Equal("primary=40;a=1/Online;b=2/Offline", desired.DiskSignature);
    }
}
