using System.Text;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Clones;
using VirtRigaud.Controllers.Tests.Snapshots;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Controllers.VirtualMachines;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Hosting;

namespace VirtRigaud.Controllers.Tests.Clones;

/// <summary>The VMClone controller with the VirtualMachine controller, against the real API server and the real mock provider.</summary>
public sealed class VMCloneReconcilerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly VirtRigaudClient _api = TestApi.Unthrottled(fixture);

    private static readonly VMCloneReconcilerOptions FastOptions = new()
    {
        TaskPollInterval = TimeSpan.FromMilliseconds(100),
        WaitInterval = TimeSpan.FromMilliseconds(300),
        ConnectBackoff = TimeSpan.FromMilliseconds(100),
        MaxConnectBackoff = TimeSpan.FromSeconds(1),
    };

    private async Task<ConnectedProvider> StartProviderAsync(string ns, MockProviderSettings? settings = null)
    {
        var bed = await ConnectedProvider.StartAsync(fixture, ns, (settings ?? new MockProviderSettings()) with { Templates = ["ubuntu"] });
        await _api.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "small"));
        await _api.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "large", cpu: 4) with { Spec = new VMClassSpec { Cpu = 4, Memory = Quantity.Parse("4Gi") } });
        await _api.VMImages(ns).CreateAsync(new VMImage
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "ubuntu" },
            Spec = new VMImageSpec { Source = new ImageSource { VSphere = new VSphereImageSource { TemplateName = "ubuntu" } } },
        });
        return bed;
    }

    private TestManager StartManager(ConnectedProvider bed) => TestManager.Start(fixture, m =>
    {
        VirtualMachineControllerSetup.Register(m, bed.Pool, VMSnapshotReconcilerTests.FastVmOptions);
        VMCloneControllerSetup.Register(m, bed.Pool, FastOptions);
    });

    private async Task<VirtualMachine> RunningSourceAsync(string ns, string name)
    {
        await _api.VirtualMachines(ns).CreateAsync(new VirtualMachine
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = name },
            Spec = new VirtualMachineSpec
            {
                ProviderRef = new ObjectRef { Name = "mock" },
                ClassRef = new ObjectRef { Name = "small" },
                ImageRef = new ObjectRef { Name = "ubuntu" },
                Networks = [new VMNetworkRef { Name = "eth0" }],
                Tags = ["web"],
            },
        });
        VirtualMachine? vm = null;
        await Wait.UntilAsync(async () => (vm = await GetVmAsync(ns, name))?.Status?.Phase == VirtualMachinePhase.Running, $"source VM {name} to be Running");
        return vm!;
    }

    private async Task<VirtualMachine?> GetVmAsync(string ns, string name)
    {
        try
        {
            return await _api.VirtualMachines(ns).GetAsync(name);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private async Task<VMClone> WaitForPhaseAsync(string ns, string name, ClonePhase phase)
    {
        VMClone? clone = null;
        await Wait.UntilAsync(async () => (clone = await _api.VMClones(ns).GetAsync(name)).Status?.Phase == phase, $"VMClone {name} to be {phase}");
        return clone!;
    }

    private static VMClone Clone(string ns, string name, string source, string target, CloneOptions? options = null, VMCustomization? customization = null, VMCloneTarget? targetSpec = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name },
        Spec = new VMCloneSpec
        {
            Source = new CloneSource { VmRef = new LocalObjectReference { Name = source } },
            Target = targetSpec ?? new VMCloneTarget { Name = target },
            Options = options,
            Customization = customization,
        },
    };

    [Fact]
    public async Task Reconcile_FullCloneWithCustomizationAndPowerOn_TargetBoundRunningAndResized()
    {
        var ns = fixture.NewNamespace("clone-e2e");
        await using var bed = await StartProviderAsync(ns, new MockProviderSettings { TaskDuration = TimeSpan.FromMilliseconds(200) });
        await using var manager = StartManager(bed);
        var source = await RunningSourceAsync(ns, "web");
        await _api.Core.Secrets(ns).CreateAsync(new Secret
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "clone-cloud-init" },
            Data = new Dictionary<string, byte[]> { ["user-data"] = Encoding.UTF8.GetBytes("#cloud-config\npackages: [nginx]\n") },
        });

        await _api.VMClones(ns).CreateAsync(Clone(ns, "web-to-web2", "web", "web2",
            new CloneOptions { Type = CloneType.FullClone, PowerOn = true },
            new VMCustomization { Hostname = "web2", UserData = new UserData { CloudInit = new CloudInitConfig { SecretRef = new LocalObjectReference { Name = "clone-cloud-init" } } } },
            new VMCloneTarget
            {
                Name = "web2",
                ClassRef = new LocalObjectReference { Name = "large" },
                Labels = new Dictionary<string, string> { ["tier"] = "frontend" },
                Annotations = new Dictionary<string, string> { ["owner"] = "team-a" },
                Networks = [new VMNetworkRef { Name = "eth0", IpAddress = "10.0.0.42", Prefix = 24 }],
            }));
        var clone = await WaitForPhaseAsync(ns, "web-to-web2", ClonePhase.Ready);

        var status = clone.Status!;
        Assert.True(clone.Metadata.HasFinalizer(VMCloneConventions.Finalizer));
        Assert.Equal("web2", status.TargetRef!.Name);
        Assert.Equal(CloneType.FullClone, status.ActualCloneType);
        Assert.Equal(100, status.Progress!.OverallPercentage);
        Assert.NotNull(status.StartTime);
        Assert.NotNull(status.CompletionTime);
        Assert.Null(status.TaskRef);
        Assert.Equal((ConditionStatus.True, VMCloneConventions.ReasonCompleted), Conditions.Find(status.Conditions, VMCloneConventions.ConditionReady) is { } ready ? (ready.Status, ready.Reason) : default);
        Assert.Equal(["hostname", "networks", "userData"], status.CustomizationStatus!.CompletedSteps!);
        Assert.True(status.CustomizationStatus.Completed);

        var target = (await GetVmAsync(ns, "web2"))!;
        Assert.Equal(status.TargetVmId, target.Status!.Id);
        Assert.Equal("true", target.Metadata.Label(VMCloneConventions.AdoptedLabel));
        Assert.Equal("frontend", target.Metadata.Label("tier"));
        Assert.Equal("team-a", target.Metadata.Annotation("owner"));
        Assert.Equal("web", target.Metadata.Annotation(VMCloneConventions.ClonedFromAnnotation));
        Assert.Equal("web-to-web2", target.Metadata.Annotation(VMCloneConventions.CloneAnnotation));
        Assert.Equal(new ObjectRef { Name = "large", Namespace = ns }, target.Spec.ClassRef);
        Assert.Equal(new ObjectRef { Name = "mock", Namespace = ns }, target.Spec.ProviderRef);
        Assert.Equal(PowerState.On, target.Spec.PowerState);
        Assert.Equal("10.0.0.42", Assert.Single(target.Spec.Networks!).IpAddress);
        Assert.Equal(source.Spec.Tags, target.Spec.Tags);
        Assert.Equal(PowerState.On, target.Status.PowerState);

        // Exactly one provider VM, carrying the class and customization the Clone call passed.
        var cloned = Assert.Single(await bed.ProviderVmsNamedAsync("web2"));
        Assert.Equal((4, 4096L), (cloned.Cpu, cloned.MemoryMib));
        Assert.Equal("web2", cloned.ProviderRaw["hostname"]);
        Assert.Equal(source.Status!.Id, cloned.ProviderRaw["clonedFrom"]);
        Assert.Contains("10.0.0.42", cloned.Ips);
        await Wait.UntilAsync(async () => (await GetVmAsync(ns, "web2"))?.Status?.Phase == VirtualMachinePhase.Running, "the target VM to be Running");
        await Wait.UntilAsync(async () => (await ConnectedProvider.EventReasonsAsync(_api, ns, "web-to-web2")).Contains(VMCloneConventions.EventCompleted), "the CloneCompleted event");
    }

    [Fact]
    public async Task Reconcile_ManagerRestartsWhileCloning_NoDuplicateVm()
    {
        var ns = fixture.NewNamespace("clone-restart");
        await using var bed = await StartProviderAsync(ns, new MockProviderSettings { OperationDurations = new Dictionary<string, TimeSpan> { ["Clone"] = TimeSpan.FromSeconds(3) } });
        var first = StartManager(bed);
        await RunningSourceAsync(ns, "db");

        await _api.VMClones(ns).CreateAsync(Clone(ns, "db-copy", "db", "db2"));
        var cloning = await WaitForPhaseAsync(ns, "db-copy", ClonePhase.Cloning);
        Assert.False(string.IsNullOrEmpty(cloning.Status!.TaskRef));
        await first.DisposeAsync();

        await using var second = StartManager(bed);
        var clone = await WaitForPhaseAsync(ns, "db-copy", ClonePhase.Ready);

        Assert.Single(await bed.ProviderVmsNamedAsync("db2"));
        var target = (await GetVmAsync(ns, "db2"))!;
        Assert.Equal(clone.Status!.TargetVmId, target.Status!.Id);
        Assert.Equal(PowerState.Off, target.Spec.PowerState);
        Assert.Equal(new ObjectRef { Name = "small", Namespace = ns }, target.Spec.ClassRef);
        await Wait.UntilAsync(async () => (await GetVmAsync(ns, "db2"))?.Status?.Phase == VirtualMachinePhase.Stopped, "the target VM to stay Stopped (powerOn false)");
    }

    [Fact]
    public async Task Reconcile_LinkedCloneTargetConflictAndUnsupportedSource_FailedWithReasons()
    {
        var ns = fixture.NewNamespace("clone-refuse");
        await using var bed = await StartProviderAsync(ns, new MockProviderSettings { DisabledCapabilities = ["linked-clones"] });
        await using var manager = StartManager(bed);
        await RunningSourceAsync(ns, "app");
        await _api.VirtualMachines(ns).CreateAsync(new VirtualMachine
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "taken" },
            Spec = new VirtualMachineSpec { ProviderRef = new ObjectRef { Name = "mock" }, ClassRef = new ObjectRef { Name = "small" }, ImageRef = new ObjectRef { Name = "ubuntu" } },
        });

        await _api.VMClones(ns).CreateAsync(Clone(ns, "linked", "app", "app-linked", new CloneOptions { Type = CloneType.LinkedClone }));
        await _api.VMClones(ns).CreateAsync(Clone(ns, "conflict", "app", "taken"));
        await _api.VMClones(ns).CreateAsync(Clone(ns, "from-snapshot", "app", "app-s") with
        {
            Spec = Clone(ns, "from-snapshot", "app", "app-s").Spec with { Source = new CloneSource { SnapshotRef = new LocalObjectReference { Name = "snap" } } },
        });

        foreach (var (name, reason, text) in new[]
        {
            ("linked", VMCloneConventions.ReasonLinkedCloneUnsupported, "supportsLinkedClones=false"),
            ("conflict", VMCloneConventions.ReasonTargetExists, $"target VirtualMachine {ns}/taken already exists"),
            ("from-snapshot", VMCloneConventions.ReasonUnsupportedSource, "spec.source.snapshotRef"),
        })
        {
            var failed = await WaitForPhaseAsync(ns, name, ClonePhase.Failed);
            var condition = Conditions.Find(failed.Status!.Conditions, VMCloneConventions.ConditionFailed)!;
            Assert.Equal((ConditionStatus.True, reason), (condition.Status, condition.Reason));
            Assert.Contains(text, condition.Message, StringComparison.Ordinal);
        }

        Assert.Empty(await bed.ProviderVmsNamedAsync("app-linked"));
        Assert.Null((await GetVmAsync(ns, "taken"))!.Metadata.Annotation(VMCloneConventions.CloneAnnotation));
    }

    [Fact]
    public async Task Reconcile_FailedCloneTask_RetriedPerRetryPolicy()
    {
        var ns = fixture.NewNamespace("clone-retry");
        await using var bed = await StartProviderAsync(ns, new MockProviderSettings
        {
            TaskDuration = TimeSpan.FromMilliseconds(100),
            Faults = MockFaultConfiguration.Parse("""{"tasks":{"Clone":{"failTimes":1,"message":"host lost power"}}}"""),
        });
        await using var manager = StartManager(bed);
        await RunningSourceAsync(ns, "api");

        await _api.VMClones(ns).CreateAsync(Clone(ns, "api-copy", "api", "api2",
            new CloneOptions { RetryPolicy = new CloneRetryPolicy { MaxRetries = 2, RetryDelay = Duration.Parse("200ms"), BackoffMultiplier = 2 } }));
        var clone = await WaitForPhaseAsync(ns, "api-copy", ClonePhase.Ready);

        Assert.Equal(1, clone.Status!.RetryCount);
        Assert.NotNull(clone.Status.LastRetryTime);
        Assert.Single(await bed.ProviderVmsNamedAsync("api2"));
        await Wait.UntilAsync(async () => (await ConnectedProvider.EventReasonsAsync(_api, ns, "api-copy")).Contains(VMCloneConventions.EventFailed), "the CloneFailed event of the failed attempt");
    }

    public void Dispose() => _api.Dispose();
}
