using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.VirtualMachines;

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

public sealed class VirtualMachinePoliciesTests
{
    private static readonly VirtualMachineRequeuePolicy Policy = new(new VirtualMachineReconcilerOptions());

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(7, 300)]
    [InlineData(100, 300)]
    public void AfterFailure_Consecutive_DoublesUpToFiveMinutes(int failures, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Policy.AfterFailure(failures));

    [Theory]
    [InlineData(PowerState.On, false, 1, 5)]
    [InlineData(PowerState.On, false, 3, 20)]
    [InlineData(PowerState.On, false, 5, 80)]
    [InlineData(PowerState.On, false, 6, 120)]
    [InlineData(PowerState.On, false, 7, -1)]
    [InlineData(PowerState.On, false, 20, -1)]
    [InlineData(PowerState.On, true, 1, -1)]
    [InlineData(PowerState.Off, false, 1, -1)]
    public void WhenReady_PowerAndIps_PollsOnlyForMissingIpsAndNotForever(PowerState observed, bool hasIps, int looks, int expectedSeconds) =>
        Assert.Equal(expectedSeconds < 0 ? null : TimeSpan.FromSeconds(expectedSeconds), Policy.WhenReady(observed, hasIps, looks));

    [Fact]
    public void Validate_MaxBelowBase_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualMachineReconcilerOptions { FailureBackoff = TimeSpan.FromMinutes(10) }.Validate());

    [Fact]
    public void Validate_ZeroInterval_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VirtualMachineReconcilerOptions { TaskPollInterval = TimeSpan.Zero }.Validate());

    [Theory]
    [InlineData("On", PowerState.On)]
    [InlineData("poweredOn", PowerState.On)]
    [InlineData("Off", PowerState.Off)]
    [InlineData("Suspended", PowerState.Off)]
    [InlineData("Unknown", null)]
    [InlineData("", null)]
    public void ParsePowerState_ProviderStrings_Mapped(string reported, PowerState? expected) =>
        Assert.Equal(expected, VirtualMachinePhases.ParsePowerState(reported));

    [Theory]
    [InlineData(PowerState.Off, PowerState.OffGraceful, true)]
    [InlineData(PowerState.Off, PowerState.Off, true)]
    [InlineData(PowerState.On, PowerState.OffGraceful, false)]
    [InlineData(PowerState.On, PowerState.On, true)]
    [InlineData(null, PowerState.On, false)]
    public void Satisfies_ObservedAgainstDesired_OffGracefulMatchesOff(PowerState? observed, PowerState desired, bool expected) =>
        Assert.Equal(expected, VirtualMachinePhases.Satisfies(observed, desired));

    [Theory]
    [InlineData(PowerState.On, VirtualMachinePhase.Running)]
    [InlineData(PowerState.Off, VirtualMachinePhase.Stopped)]
    [InlineData(null, VirtualMachinePhase.Provisioning)]
    public void AtRest_ObservedPower_Phase(PowerState? observed, VirtualMachinePhase expected) =>
        Assert.Equal(expected, VirtualMachinePhases.AtRest(observed));

    private static VMImage Image(ImageSource source, IReadOnlyDictionary<string, ImageProviderStatus>? status = null) => new()
    {
        Metadata = new ObjectMeta { Name = "img", Namespace = "ns" },
        Spec = new VMImageSpec { Source = source },
        Status = status is null ? null : new VMImageStatus { ProviderStatus = status },
    };

    public static TheoryData<ImageSource, bool> Sources => new()
    {
        { new ImageSource { Libvirt = new LibvirtImageSource { Path = "/var/lib/images/u.qcow2" } }, false },
        { new ImageSource { Libvirt = new LibvirtImageSource { Url = "https://x/u.qcow2" } }, true },
        { new ImageSource { Libvirt = new LibvirtImageSource() }, true },
        { new ImageSource { VSphere = new VSphereImageSource { TemplateName = "ubuntu" } }, false },
        { new ImageSource { VSphere = new VSphereImageSource { TemplateName = "ubuntu", OvaURL = "https://x/u.ova" } }, true },
        { new ImageSource { VSphere = new VSphereImageSource { ContentLibrary = new ContentLibraryRef { Library = "l", Item = "i" } } }, false },
        { new ImageSource { VSphere = new VSphereImageSource() }, true },
        { new ImageSource { Proxmox = new ProxmoxImageSource { TemplateID = 9000 } }, false },
        { new ImageSource { Proxmox = new ProxmoxImageSource() }, true },
        { new ImageSource { Http = new HTTPImageSource { Url = "https://x/u.img" } }, true },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void SourceNeedsPrepare_UpstreamTable(ImageSource source, bool expected) => Assert.Equal(expected, ImagePrepareRules.SourceNeedsPrepare(source));

    [Fact]
    public void NeedsPrepare_PreparedOnThisProvider_False()
    {
        var image = Image(new ImageSource { Http = new HTTPImageSource { Url = "https://x/u.img" } },
            new Dictionary<string, ImageProviderStatus> { ["p1"] = new() { Available = true }, ["p2"] = new() { Available = false } });

        Assert.False(ImagePrepareRules.NeedsPrepare(image, "p1", providerSupportsImageImport: true));
        Assert.True(ImagePrepareRules.NeedsPrepare(image, "p2", providerSupportsImageImport: true));
        Assert.False(ImagePrepareRules.NeedsPrepare(image, "p2", providerSupportsImageImport: false));
    }

    [Fact]
    public void AfterDeleteFailure_Consecutive_StartsAtDeleteRetryIntervalAndDoubles()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), Policy.AfterDeleteFailure(1));
        Assert.Equal(TimeSpan.FromSeconds(60), Policy.AfterDeleteFailure(3));
        Assert.Equal(TimeSpan.FromMinutes(5), Policy.AfterDeleteFailure(10));
    }

    [Fact]
    public void RetryBudget_FailuresPerScope_ExhaustedAtLimitAndResetByANewScopeOrSuccess()
    {
        var budget = new RetryBudget(2);

        Assert.Equal(1, budget.Fail("ns/vm", "Create", "generation:1"));
        Assert.False(budget.Exhausted("ns/vm", "Create", "generation:1"));
        Assert.Equal(2, budget.Fail("ns/vm", "Create", "generation:1"));
        Assert.True(budget.Exhausted("ns/vm", "Create", "generation:1"));
        Assert.False(budget.Exhausted("ns/vm", "Create", "generation:2"));
        Assert.False(budget.Exhausted("ns/vm", "Power", "generation:1"));

        Assert.Equal(1, budget.Fail("ns/vm", "Create", "generation:2"));
        budget.Succeeded("ns/vm", "Create");
        Assert.Equal(0, budget.Failures("ns/vm", "Create", "generation:2"));

        budget.Fail("ns/vm", "Power", "generation:2");
        budget.Forget("ns/vm");
        Assert.Equal(0, budget.Failures("ns/vm", "Power", "generation:2"));
    }

    private static VirtualMachine Machine(long generation = 1, string? id = null, IReadOnlyDictionary<string, string>? annotations = null) => new()
    {
        Metadata = new ObjectMeta { Name = "vm", Namespace = "ns", Generation = generation, Annotations = annotations },
        Spec = new VirtualMachineSpec { ProviderRef = new ObjectRef { Name = "p" }, ClassRef = new ObjectRef { Name = "c" }, ImageRef = new ObjectRef { Name = "i" } },
        Status = new VirtualMachineStatus { Id = id, Phase = VirtualMachinePhase.Running },
    };

    [Fact]
    public void ShouldReconcile_UpdateKinds_OwnStatusWritesIgnoredResyncAndSignalsPass()
    {
        var vm = Machine();

        Assert.True(VirtualMachineControllerSetup.ShouldReconcile(vm, vm));
        Assert.False(VirtualMachineControllerSetup.ShouldReconcile(vm, vm with { Status = vm.Status! with { Phase = VirtualMachinePhase.Stopped } }));
        Assert.True(VirtualMachineControllerSetup.ShouldReconcile(vm, Machine(generation: 2)));
        Assert.True(VirtualMachineControllerSetup.ShouldReconcile(vm, Machine(id: "vm-7")));
        Assert.True(VirtualMachineControllerSetup.ShouldReconcile(vm, Machine(annotations: new Dictionary<string, string> { [VirtualMachineConventions.RebootRequestedAtAnnotation] = "2025-01-01T00:00:00Z" })));
    }

    [Fact]
    public void CreateRefusal_ImageOneOfAndIgnition_NamesTheFields()
    {
        var vm = Machine();

        Assert.Null(VirtualMachineReconciler.CreateRefusal(vm));
        Assert.StartsWith("spec.imageRef and spec.importedDisk are both set", VirtualMachineReconciler.CreateRefusal(vm with { Spec = vm.Spec with { ImportedDisk = new ImportedDiskRef { DiskID = "d" } } }), StringComparison.Ordinal);
        Assert.StartsWith("neither spec.imageRef nor spec.importedDisk is set", VirtualMachineReconciler.CreateRefusal(vm with { Spec = vm.Spec with { ImageRef = null } }), StringComparison.Ordinal);
        Assert.StartsWith("spec.userData.ignition is not supported", VirtualMachineReconciler.CreateRefusal(vm with { Spec = vm.Spec with { UserData = new UserData { Ignition = new IgnitionConfig { Inline = "{}" } } } }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpu", "4", "memoryMiB", "4096", 4, 4096L)]
    [InlineData("cpu_count", "2", "memory_mb", "1024", 2, 1024L)]
    public void HardwareFromDetails_ProviderKeys_Read(string cpuKey, string cpu, string memoryKey, string memory, int expectedCpu, long expectedMemory) =>
        Assert.Equal(new VirtualMachineResources { Cpu = expectedCpu, MemoryMiB = expectedMemory }, VirtualMachineReconciler.HardwareFromDetails(new Dictionary<string, string> { [cpuKey] = cpu, [memoryKey] = memory }));

    [Fact]
    public void HardwareFromDetails_Missing_Null() =>
        Assert.Null(VirtualMachineReconciler.HardwareFromDetails(new Dictionary<string, string> { ["cpu"] = "2" }));

    [Fact]
    public void UnsupportedFields_AcceptedButNotCarriedOut_NamedByPath()
    {
        var vm = Machine();
        Assert.Empty(VirtualMachineReconciler.UnsupportedFields(vm));

        vm = vm with
        {
            Spec = vm.Spec with
            {
                Lifecycle = new VirtualMachineLifecycle { PreStop = new LifecycleHandler { Exec = new LifecycleExecAction { Command = ["sync"] } }, GracefulShutdownTimeout = Duration.Parse("30s") },
                Resources = new VirtualMachineResources { Cpu = 2, Gpu = new GPUSpec { Count = 1 } },
                PlacementRef = new LocalObjectReference { Name = "spread" },
                Placement = new Placement { ResourcePool = "rp1", Datastore = "ds1" },
                Disks = [new DiskSpec { Name = "data", SizeGiB = 10, StorageClass = "fast", Scsi = new SCSIControllerSpec { Controller = 1 } }],
            },
        };

        Assert.Equal(
            ["spec.lifecycle.preStop", "spec.resources.gpu", "spec.placementRef", "spec.placement.resourcePool", "spec.disks[data].scsi", "spec.disks[data].storageClass"],
            VirtualMachineReconciler.UnsupportedFields(vm));
    }
}
