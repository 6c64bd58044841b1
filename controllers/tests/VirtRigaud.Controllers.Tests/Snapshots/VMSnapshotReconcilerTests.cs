using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Snapshots;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Controllers.VirtualMachines;
using VirtRigaud.Provider.Mock.Faults;
using VirtRigaud.Provider.Mock.Hosting;

namespace VirtRigaud.Controllers.Tests.Snapshots;

/// <summary>The VMSnapshot controller against the real API server (in-process) and the real mock provider (child process).</summary>
public sealed class VMSnapshotReconcilerTests(ApiServerFixture fixture) : IClassFixture<ApiServerFixture>, IDisposable
{
    private readonly VirtRigaudClient _api = TestApi.Unthrottled(fixture);

    internal static readonly VMSnapshotReconcilerOptions FastOptions = new()
    {
        TaskPollInterval = TimeSpan.FromMilliseconds(100),
        WaitInterval = TimeSpan.FromMilliseconds(300),
        FailureBackoff = TimeSpan.FromMilliseconds(100),
        MaxFailureBackoff = TimeSpan.FromSeconds(1),
        MaxTaskFailures = 2,
    };

    internal static readonly VirtualMachineReconcilerOptions FastVmOptions = new()
    {
        TaskPollInterval = TimeSpan.FromMilliseconds(100),
        DependencyRetryInterval = TimeSpan.FromMilliseconds(300),
        FailureBackoff = TimeSpan.FromMilliseconds(100),
        MaxFailureBackoff = TimeSpan.FromSeconds(1),
        DeleteRetryInterval = TimeSpan.FromMilliseconds(300),
        IpPollInterval = TimeSpan.FromMilliseconds(100),
        MaxIpPollInterval = TimeSpan.FromSeconds(1),
    };

    private static VMSnapshot Snapshot(string ns, string name, string vm, SnapshotConfig? config = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name },
        Spec = new VMSnapshotSpec { VMRef = new LocalObjectReference { Name = vm }, SnapshotConfig = config },
    };

    private async Task<VMSnapshot?> GetAsync(string ns, string name)
    {
        try
        {
            return await _api.VMSnapshots(ns).GetAsync(name);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private async Task<VMSnapshot> WaitForPhaseAsync(string ns, string name, SnapshotPhase phase)
    {
        VMSnapshot? snapshot = null;
        await Wait.UntilAsync(async () => (snapshot = await GetAsync(ns, name))?.Status?.Phase == phase, $"VMSnapshot {name} to be {phase}");
        return snapshot!;
    }

    private async Task<int> ProviderSnapshotCountAsync(ConnectedProvider bed, string vmName)
    {
        var vm = Assert.Single(await bed.ProviderVmsNamedAsync(vmName));
        return int.Parse(vm.ProviderRaw["snapshots"], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Reconcile_MemorySnapshotOfRunningVm_ReadyThenDeletedFromProvider()
    {
        var ns = fixture.NewNamespace("snap-e2e");
        await using var bed = await ConnectedProvider.StartAsync(fixture, ns, new MockProviderSettings { Templates = ["ubuntu"], TaskDuration = TimeSpan.FromMilliseconds(200) });
        await _api.VMClasses(ns).CreateAsync(TestObjects.VmClass(ns, "small"));
        await _api.VMImages(ns).CreateAsync(new VMImage
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "ubuntu" },
            Spec = new VMImageSpec { Source = new ImageSource { VSphere = new VSphereImageSource { TemplateName = "ubuntu" } } },
        });
        await using var manager = TestManager.Start(fixture, m =>
        {
            VirtualMachineControllerSetup.Register(m, bed.Pool, FastVmOptions);
            VMSnapshotControllerSetup.Register(m, bed.Pool, FastOptions);
        });
        await _api.VirtualMachines(ns).CreateAsync(new VirtualMachine
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "web" },
            Spec = new VirtualMachineSpec { ProviderRef = new ObjectRef { Name = "mock" }, ClassRef = new ObjectRef { Name = "small" }, ImageRef = new ObjectRef { Name = "ubuntu" } },
        });

        // Taken as soon as the VM exists, even while it is still being created (the snapshot waits for it).
        await _api.VMSnapshots(ns).CreateAsync(Snapshot(ns, "before-upgrade", "web", new SnapshotConfig { IncludeMemory = true, Description = "pre-upgrade" }));
        var snapshot = await WaitForPhaseAsync(ns, "before-upgrade", SnapshotPhase.Ready);

        var status = snapshot.Status!;
        Assert.True(snapshot.Metadata.HasFinalizer(VMSnapshotConventions.Finalizer));
        Assert.Equal("before-upgrade", status.SnapshotID);
        Assert.NotNull(status.CreationTime);
        Assert.NotNull(status.CompletionTime);
        Assert.Null(status.TaskRef);
        Assert.Equal(snapshot.Metadata.Generation, status.ObservedGeneration);
        Assert.Equal(VMSnapshotConventions.ReasonMemoryIncluded, Conditions.Find(status.Conditions, VMSnapshotConventions.ConditionReady) is { Status: ConditionStatus.True } ready ? ready.Reason : null);
        Assert.Equal(ConditionStatus.False, Conditions.Find(status.Conditions, VMSnapshotConventions.ConditionCreating)!.Status);
        Assert.True(status.ProviderStatus!["mock"].Available);
        Assert.Equal(1, await ProviderSnapshotCountAsync(bed, "web"));
        Assert.Equal("before-upgrade", Assert.Single(await bed.ProviderVmsNamedAsync("web")).ProviderRaw["currentSnapshot"]);
        await Wait.UntilAsync(async () => (await ConnectedProvider.EventReasonsAsync(_api, ns, "before-upgrade")) is var reasons
            && reasons.Contains(VMSnapshotConventions.EventCreating) && reasons.Contains(VMSnapshotConventions.EventReady), "SnapshotCreating and SnapshotReady events");

        await _api.VMSnapshots(ns).DeleteAsync("before-upgrade");
        await Wait.UntilAsync(async () => await GetAsync(ns, "before-upgrade") is null, "the VMSnapshot to be deleted through the provider");
        Assert.Equal(0, await ProviderSnapshotCountAsync(bed, "web"));
    }

    [Fact]
    public async Task Reconcile_MemorySnapshotOnProviderWithoutMemorySnapshots_FailedUntilSpecFixed()
    {
        var ns = fixture.NewNamespace("snap-mem");
        await using var bed = await ConnectedProvider.StartAsync(fixture, ns, new MockProviderSettings { Templates = ["ubuntu"], DisabledCapabilities = ["memory-snapshots"] });
        var id = await bed.CreateProviderVmAsync("db");
        await bed.CreateBoundVmAsync("db", id);
        await using var manager = TestManager.Start(fixture, m => VMSnapshotControllerSetup.Register(m, bed.Pool, FastOptions));

        await _api.VMSnapshots(ns).CreateAsync(Snapshot(ns, "with-memory", "db", new SnapshotConfig { IncludeMemory = true }));
        var failed = await WaitForPhaseAsync(ns, "with-memory", SnapshotPhase.Failed);

        var ready = Conditions.Find(failed.Status!.Conditions, VMSnapshotConventions.ConditionReady)!;
        Assert.Equal(VMSnapshotConventions.ReasonUnsupportedByProvider, ready.Reason);
        Assert.Contains("spec.snapshotConfig.includeMemory", ready.Message, StringComparison.Ordinal);
        Assert.Contains($"Provider {ns}/mock does not support memory snapshots", ready.Message, StringComparison.Ordinal);
        Assert.Equal(0, await ProviderSnapshotCountAsync(bed, "db"));

        // Failed is terminal until the spec changes; then the snapshot is taken.
        await TestApi.UpdateAsync(_api.VMSnapshots(ns), "with-memory", s => s with { Spec = s.Spec with { SnapshotConfig = new SnapshotConfig { IncludeMemory = false } } });
        var taken = await WaitForPhaseAsync(ns, "with-memory", SnapshotPhase.Ready);
        Assert.Equal(VMSnapshotConventions.ReasonCreated, Conditions.Find(taken.Status!.Conditions, VMSnapshotConventions.ConditionReady)!.Reason);
        Assert.Equal(1, await ProviderSnapshotCountAsync(bed, "db"));
    }

    [Fact]
    public async Task Reconcile_FieldsTheContractCannotCarry_FailedNamingEachField()
    {
        var ns = fixture.NewNamespace("snap-refuse");
        await using var bed = await ConnectedProvider.StartAsync(fixture, ns);
        var id = await bed.CreateProviderVmAsync("app");
        await bed.CreateBoundVmAsync("app", id);
        await using var manager = TestManager.Start(fixture, m => VMSnapshotControllerSetup.Register(m, bed.Pool, FastOptions));

        var crash = Snapshot(ns, "crash", "app", new SnapshotConfig { Quiesce = false, Type = SnapshotType.Crash });
        await _api.VMSnapshots(ns).CreateAsync(crash with { Spec = crash.Spec with { Schedule = new SnapshotSchedule { Enabled = true, CronSpec = "@daily" } } });
        var failed = await WaitForPhaseAsync(ns, "crash", SnapshotPhase.Failed);

        var ready = Conditions.Find(failed.Status!.Conditions, VMSnapshotConventions.ConditionReady)!;
        Assert.Equal(VMSnapshotConventions.ReasonUnsupported, ready.Reason);
        foreach (var field in new[] { "spec.snapshotConfig.quiesce", "spec.snapshotConfig.type", "spec.schedule.enabled" })
        {
            Assert.Contains(field, ready.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, await ProviderSnapshotCountAsync(bed, "app"));
    }

    [Fact]
    public async Task Reconcile_FailedCreateTasks_RetriedABoundedNumberOfTimes()
    {
        var ns = fixture.NewNamespace("snap-task");
        await using var bed = await ConnectedProvider.StartAsync(fixture, ns, new MockProviderSettings
        {
            Templates = ["ubuntu"],
            TaskDuration = TimeSpan.FromMilliseconds(100),
            Faults = MockFaultConfiguration.Parse("""{"tasks":{"SnapshotCreate":{"failTimes":3,"message":"datastore full"}}}"""),
        });
        var id = await bed.CreateProviderVmAsync("app");
        await bed.CreateBoundVmAsync("app", id);
        await using var manager = TestManager.Start(fixture, m => VMSnapshotControllerSetup.Register(m, bed.Pool, FastOptions));

        // Two failed tasks use up MaxTaskFailures (2): Failed, not polled forever.
        await _api.VMSnapshots(ns).CreateAsync(Snapshot(ns, "first", "app"));
        var failed = await WaitForPhaseAsync(ns, "first", SnapshotPhase.Failed);
        var ready = Conditions.Find(failed.Status!.Conditions, VMSnapshotConventions.ConditionReady)!;
        Assert.Equal(VMSnapshotConventions.ReasonTaskFailed, ready.Reason);
        Assert.Contains("datastore full", ready.Message, StringComparison.Ordinal);
        Assert.Contains("attempt 2 of 2", ready.Message, StringComparison.Ordinal);
        Assert.Null(failed.Status.TaskRef);
        Assert.Null(failed.Status.SnapshotID);

        // The third injected failure hits the next snapshot once; its retry succeeds.
        await _api.VMSnapshots(ns).CreateAsync(Snapshot(ns, "second", "app"));
        await WaitForPhaseAsync(ns, "second", SnapshotPhase.Ready);
        await Wait.UntilAsync(async () => (await ConnectedProvider.EventReasonsAsync(_api, ns, "second")).Contains(VMSnapshotConventions.EventFailed), "the SnapshotFailed event of the retried attempt");
        Assert.Equal(1, await ProviderSnapshotCountAsync(bed, "app"));
    }

    [Fact]
    public async Task Reconcile_DeleteWhileProviderDisconnected_FinalizerKeptUntilForceDelete()
    {
        var ns = fixture.NewNamespace("snap-force");
        await using var bed = await ConnectedProvider.StartAsync(fixture, ns);
        var id = await bed.CreateProviderVmAsync("app");
        await bed.CreateBoundVmAsync("app", id);
        await using var manager = TestManager.Start(fixture, m => VMSnapshotControllerSetup.Register(m, bed.Pool, FastOptions));
        await _api.VMSnapshots(ns).CreateAsync(Snapshot(ns, "keep", "app"));
        await WaitForPhaseAsync(ns, "keep", SnapshotPhase.Ready);

        // What the Provider controller does when the provider stops answering.
        bed.Pool.MarkUnavailable(ns, "mock");
        await _api.VMSnapshots(ns).DeleteAsync("keep");
        VMSnapshot? snapshot = null;
        await Wait.UntilAsync(async () => Conditions.Find((snapshot = await GetAsync(ns, "keep"))?.Status?.Conditions, VMSnapshotConventions.ConditionDeleting) is { Reason: VMSnapshotConventions.ReasonProviderError },
            "the Deleting condition to report the provider");
        var deleting = Conditions.Find(snapshot!.Status!.Conditions, VMSnapshotConventions.ConditionDeleting)!;
        Assert.Contains("not connected", deleting.Message, StringComparison.Ordinal);
        Assert.Contains(VMSnapshotConventions.ForceDeleteAnnotation, deleting.Message, StringComparison.Ordinal);
        Assert.True(snapshot.Metadata.HasFinalizer(VMSnapshotConventions.Finalizer));
        Assert.Equal(SnapshotPhase.Deleting, snapshot.Status.Phase);

        await TestApi.UpdateAsync(_api.VMSnapshots(ns), "keep", s => s with
        {
            Metadata = s.Metadata with { Annotations = new Dictionary<string, string> { [VMSnapshotConventions.ForceDeleteAnnotation] = "true" } },
        });
        await Wait.UntilAsync(async () => await GetAsync(ns, "keep") is null, "force-delete to remove the finalizer");
        Assert.Equal(1, await ProviderSnapshotCountAsync(bed, "app"));
    }

    public void Dispose() => _api.Dispose();
}
