using System.Text;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Models.CoreV1;
using VirtRigaud.Client.Models.Subresources;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Controllers.VirtualMachines;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

/// <summary>
/// The VirtualMachine controller against the real API server (in-process) and the real mock provider whose every
/// operation is a task. Task polling is set to 10 minutes: every task here is moved on by the WatchTask stream.
/// </summary>
public sealed class VirtualMachineLifecycleTests(ApiServerFixture fixture, TaskMockFixture mock) : IClassFixture<ApiServerFixture>, IClassFixture<TaskMockFixture>
{
    private Task<VmTestEnvironment> StartAsync(string prefix, VMClassSpec? classSpec = null) =>
        VmTestEnvironment.StartAsync(fixture, fixture.NewNamespace(prefix), mock.Mock, VmTestEnvironment.WatchTaskOptions, classSpec);

    [Fact]
    public async Task Reconcile_CreatePowerOffGracefulDelete_EndToEndWithStatusAndMetrics()
    {
        await using var env = await StartAsync("vm-e2e");
        var name = env.Namespace + "-web";

        await env.CreateVmAsync(name);

        var vm = await env.WaitRunningAsync(name);
        Assert.True(vm.Metadata.HasFinalizer(VirtualMachineConventions.Finalizer));
        Assert.StartsWith("vm-", vm.Status!.Id, StringComparison.Ordinal);
        Assert.Equal(PowerState.On, vm.Status.PowerState);
        Assert.Equal(vm.Metadata.Generation, vm.Status.ObservedGeneration);
        Assert.Null(vm.Status.LastTaskRef);
        Assert.StartsWith("vnc://", vm.Status.ConsoleURL, StringComparison.Ordinal);
        Assert.Equal("mock", vm.Status.Provider!["provider"]);
        Assert.Equal(new VirtualMachineResources { Cpu = 2, MemoryMiB = 2048 }, vm.Status.CurrentResources);
        Assert.Equal(VirtualMachineConventions.ReasonReconcileSuccess, VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionProvisioning)!.Reason);
        Assert.All(vm.Status.Conditions!, c => Assert.Equal(vm.Metadata.Generation, c.ObservedGeneration));
        await env.WaitForEventAsync(name, "Created");

        await env.EditAsync(name, v => v with { Spec = v.Spec with { PowerState = PowerState.OffGraceful } });
        vm = await env.WaitAsync(name, v => v.Status?.Phase == VirtualMachinePhase.Stopped, "Stopped");
        Assert.Equal(PowerState.Off, vm.Status!.PowerState);
        Assert.Equal("graceful", vm.Status.Provider!["lastShutdown"]);
        Assert.Null(vm.Status.Ips);
        Assert.True(VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionReady)!.Status == ConditionStatus.True);
        await env.WaitForEventAsync(name, "ShutdownGraceful");

        var metrics = env.Metrics();
        Assert.Contains("virtrigaud_ip_discovery_duration_seconds_count{provider_type=\"mock\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("virtrigaud_vm_operations_total{operation=\"Create\",outcome=\"success\",provider=\"mock\",provider_type=\"mock\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("virtrigaud_manager_reconcile_total{kind=\"VirtualMachine\"", metrics, StringComparison.Ordinal);

        await env.Vms.DeleteAsync(name);
        await Wait.UntilAsync(async () => await env.GetAsync(name) is null, "the VM to be deleted through the provider");
        Assert.Empty(await env.MockVmsNamedAsync(name));
        await Wait.UntilAsync(async () => (await env.EventReasonsAsync(name)).Contains("Deleted"), "a Deleted event");
    }

    [Fact]
    public async Task Reconcile_RebootRequestedThroughPowerSubresource_RebootsOnceAndRemembersTheRequest()
    {
        await using var env = await StartAsync("vm-reboot");
        var name = env.Namespace + "-app";
        await env.CreateVmAsync(name);
        await env.WaitRunningAsync(name);

        var requested = await env.Vms.PowerAsync(name, PowerAction.Reboot);
        var value = requested.Metadata.Annotation(VirtualMachineConventions.RebootRequestedAtAnnotation);
        Assert.False(string.IsNullOrEmpty(value));

        var vm = await env.WaitAsync(name, v => v.Metadata.Annotation(VirtualMachineConventions.RebootHandledAtAnnotation) == value
            && Conditions.IsTrue(v.Status?.Conditions, VirtualMachineConventions.ConditionRebooted), "the reboot to be carried out");
        var rebooted = VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionRebooted)!;
        Assert.Equal(ConditionStatus.True, rebooted.Status);
        Assert.Equal(VirtualMachineConventions.ReasonRebootCompleted, rebooted.Reason);
        Assert.Contains(value!, rebooted.Message, StringComparison.Ordinal);
        await env.WaitForEventAsync(name, "Rebooted");
        await env.WaitRunningAsync(name);

        // Another reconcile (a spec change) does not reboot again.
        var powerCalls = env.Metric(VmTestEnvironment.OkCalls("Power"));
        var edited = await env.EditAsync(name, v => v with { Spec = v.Spec with { Tags = ["touched"] } });
        await env.WaitAsync(name, v => v.Status is { } status && status.ObservedGeneration == edited.Metadata.Generation && status.Phase == VirtualMachinePhase.Running, "the spec change to be reconciled");
        Assert.Equal(powerCalls, env.Metric(VmTestEnvironment.OkCalls("Power")));
    }

    [Fact]
    public async Task Reconcile_CpuAndDiskGrowthOnline_AppliedWithoutRestartAndShrinkRefused()
    {
        await using var env = await StartAsync("vm-resize");
        var name = env.Namespace + "-db";
        await env.CreateVmAsync(name, s => s with { Disks = [new DiskSpec { Name = "data", SizeGiB = 10, ExpandPolicy = "Online" }] });
        var vm = await env.WaitRunningAsync(name);

        await env.EditAsync(name, v => v with
        {
            Spec = v.Spec with
            {
                Resources = new VirtualMachineResources { Cpu = 4, MemoryMiB = 4096 },
                Disks = [new DiskSpec { Name = "data", SizeGiB = 20, ExpandPolicy = "Online" }],
            },
        });
        vm = await env.WaitAsync(name, v => v.Status?.CurrentResources?.Cpu == 4 && v.Status.Phase == VirtualMachinePhase.Running && Conditions.IsTrue(v.Status.Conditions, VirtualMachineConventions.ConditionReady), "reconfigured to 4 vCPU");
        Assert.Equal(4096, vm.Status!.CurrentResources!.MemoryMiB);
        Assert.Equal("4", vm.Status.Provider!["cpu"]);
        var disk = await env.Connection.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = vm.Status.Id, DiskId = "data" }, CancellationToken.None);
        Assert.Equal(20L * 1024 * 1024 * 1024, disk.VirtualSizeBytes);
        var events = await env.EventReasonsAsync(name);
        Assert.Contains("Reconfigured", events);
        Assert.DoesNotContain("ShutdownGraceful", events);
        Assert.DoesNotContain("PowerOff", events);

        await env.EditAsync(name, v => v with { Spec = v.Spec with { Disks = [new DiskSpec { Name = "data", SizeGiB = 5, ExpandPolicy = "Online" }] } });
        vm = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionReady) is { Reason: VirtualMachineConventions.ReasonValidationError }, "the shrink to be refused");
        Assert.Contains("spec.disks[data].sizeGiB 5 is smaller than the disk's current 20 GiB", VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionReady)!.Message, StringComparison.Ordinal);
        Assert.Equal(VirtualMachinePhase.Running, vm.Status!.Phase);
        disk = await env.Connection.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = vm.Status.Id, DiskId = "data" }, CancellationToken.None);
        Assert.Equal(20L * 1024 * 1024 * 1024, disk.VirtualSizeBytes);
    }

    [Fact]
    public async Task Reconcile_RevertToRef_RevertsOnceReportsAndForgetsWhenCleared()
    {
        await using var env = await StartAsync("vm-revert");
        var name = env.Namespace + "-app";
        await env.CreateVmAsync(name);
        var vm = await env.WaitRunningAsync(name);

        // The snapshot as the VMSnapshot controller would have made it.
        var created = await env.Connection.SnapshotCreateAsync(new SnapshotCreateRequest { VmId = vm.Status!.Id, NameHint = "before-upgrade" }, CancellationToken.None);
        await Wait.UntilAsync(async () => await env.Connection.IsTaskCompleteAsync(created.Task, CancellationToken.None), "the snapshot task");
        var snapshots = fixture.Client.VMSnapshots(env.Namespace);
        var snapshot = await snapshots.CreateAsync(new VMSnapshot
        {
            Metadata = new ObjectMeta { Namespace = env.Namespace, Name = "before-upgrade" },
            Spec = new VMSnapshotSpec { VMRef = new LocalObjectReference { Name = name } },
        });

        // Not Ready yet: the revert waits and says why.
        await env.EditAsync(name, v => v with { Spec = v.Spec with { Snapshot = new VMSnapshotOperation { RevertToRef = new LocalObjectReference { Name = "before-upgrade" } } } });
        vm = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionSnapshotReverted) is { Reason: VirtualMachineConventions.ReasonWaitingForSnapshot }, "the revert to wait for the snapshot");
        Assert.Contains("is not Ready", VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionSnapshotReverted)!.Message, StringComparison.Ordinal);

        await snapshots.UpdateStatusAsync(snapshot with { Status = new VMSnapshotStatus { Phase = SnapshotPhase.Ready, SnapshotID = created.SnapshotId } });
        vm = await env.WaitAsync(name, v => v.Metadata.Annotation(VirtualMachineConventions.RevertedToSnapshotAnnotation) == "before-upgrade"
            && Conditions.IsTrue(v.Status?.Conditions, VirtualMachineConventions.ConditionSnapshotReverted), "the revert to be carried out");
        Assert.Equal(VirtualMachineConventions.ReasonRevertCompleted, VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionSnapshotReverted)!.Reason);
        await env.WaitForEventAsync(name, "SnapshotReverted");

        // A snapshot without memory leaves the VM off; spec.powerState (On) starts it again.
        vm = await env.WaitRunningAsync(name);
        Assert.Equal(created.SnapshotId, vm.Status!.Provider!["currentSnapshot"]);

        await env.EditAsync(name, v => v with { Spec = v.Spec with { Snapshot = null } });
        await env.WaitAsync(name, v => v.Metadata.Annotation(VirtualMachineConventions.RevertedToSnapshotAnnotation) is null, "the handled ref to be forgotten");
        Assert.Equal(1, env.Metric(VmTestEnvironment.OkCalls("SnapshotRevert")));
    }

    [Fact]
    public async Task Reconcile_AdoptedVm_NeverCreatedBoundByIdAndNotRecreatedWhenGone()
    {
        await using var env = await StartAsync("vm-adopt");
        var name = env.Namespace + "-legacy";
        var adopted = VmTestEnvironment.Vm(env.Namespace, name, s => s with { ImageRef = null, ImportedDisk = new ImportedDiskRef { DiskID = "legacy", Source = ImportedDiskSource.Manual } });
        await env.Vms.CreateAsync(adopted with { Metadata = adopted.Metadata with { Labels = new Dictionary<string, string> { [VirtualMachineConventions.AdoptedLabel] = "true" } } });

        var vm = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionProvisioning) is { Reason: VirtualMachineConventions.ReasonWaitingForDependencies }, "waiting for the adoption controller");
        Assert.Equal(VirtualMachinePhase.Pending, vm.Status!.Phase);
        Assert.Empty(await env.MockVmsNamedAsync(name));

        // The adoption controller found the hypervisor VM and seeds its id: the status change wakes the VM.
        var onProvider = await env.Connection.CreateAsync(CreatePayloadBuilder.BuildCreateRequest(new CreatePayloadInputs
        {
            Vm = VmTestEnvironment.Vm(env.Namespace, name),
            Class = await fixture.Client.VMClasses(env.Namespace).GetAsync("small"),
            Image = await fixture.Client.VMImages(env.Namespace).GetAsync("ubuntu"),
            ProviderName = "mock",
            ProviderType = ProviderType.Mock,
        }), CancellationToken.None);
        await Wait.UntilAsync(async () => await env.Connection.IsTaskCompleteAsync(onProvider.Task, CancellationToken.None), "the hypervisor VM");
        vm = await env.Vms.GetAsync(name);
        await env.Vms.UpdateStatusAsync(vm with { Status = vm.Status! with { Id = onProvider.Id } });
        vm = await env.WaitRunningAsync(name);
        Assert.Equal(onProvider.Id, vm.Status!.Id);

        // Gone from the hypervisor: reported, never re-created.
        var deleted = await env.Connection.DeleteAsync(new DeleteRequest { Id = onProvider.Id }, CancellationToken.None);
        await Wait.UntilAsync(async () => await env.Connection.IsTaskCompleteAsync(deleted.Task, CancellationToken.None), "the hypervisor VM to go");
        await env.EditAsync(name, v => v with { Spec = v.Spec with { Tags = ["wake-up"] } });
        vm = await env.WaitAsync(name, v => v.Status?.Phase == VirtualMachinePhase.Failed, "the vanished adopted VM to be reported");
        Assert.Contains("adopted VMs are never re-created", VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionReady)!.Message, StringComparison.Ordinal);
        Assert.Empty(await env.MockVmsNamedAsync(name));
    }

    [Fact]
    public async Task Reconcile_ProviderVmVanished_RecreatedUnderTheSameName()
    {
        await using var env = await StartAsync("vm-vanish");
        var name = env.Namespace + "-api";
        await env.CreateVmAsync(name);
        var vm = await env.WaitRunningAsync(name);
        var firstId = vm.Status!.Id;

        // Someone deletes it behind the controller's back; the next reconcile (here: a spec change) notices.
        var deleted = await env.Connection.DeleteAsync(new DeleteRequest { Id = firstId }, CancellationToken.None);
        await Wait.UntilAsync(async () => await env.Connection.IsTaskCompleteAsync(deleted.Task, CancellationToken.None), "the hypervisor VM to go");
        await env.EditAsync(name, v => v with { Spec = v.Spec with { Tags = ["wake-up"] } });

        vm = await env.WaitAsync(name, v => v.Status?.Id is { } id && id != firstId && v.Status.Phase == VirtualMachinePhase.Running && v.Status.Ips is { Count: > 0 }, "re-created and Running");
        Assert.Single(await env.MockVmsNamedAsync(name));
        await env.WaitForEventAsync(name, "VMMissing");
    }

    [Fact]
    public async Task Reconcile_ImageFromHttp_PreparedOnFirstUseWithPerProviderStatus()
    {
        await using var env = await StartAsync("vm-image");
        await using var http = new StaticHttpServer(Encoding.ASCII.GetBytes(new string('x', 4096)));
        var imageName = env.Namespace + "-cloud";
        await fixture.Client.VMImages(env.Namespace).CreateAsync(new VMImage
        {
            Metadata = new ObjectMeta { Namespace = env.Namespace, Name = imageName },
            Spec = new VMImageSpec { Source = new ImageSource { Http = new HTTPImageSource { Url = new Uri(http.Url, "cloud.img").ToString() } } },
        });
        var first = env.Namespace + "-one";
        var second = env.Namespace + "-two";
        await env.CreateVmAsync(first, s => s with { ImageRef = new ObjectRef { Name = imageName } });
        await env.WaitRunningAsync(first);

        var image = await fixture.Client.VMImages(env.Namespace).GetAsync(imageName);
        Assert.True(image.Status!.Ready);
        Assert.Equal(VMImagePhase.Ready, image.Status.Phase);
        Assert.Equal(["mock"], image.Status.AvailableOn);
        var onMock = image.Status.ProviderStatus!["mock"];
        Assert.True(onMock.Available);
        Assert.EndsWith(imageName + ".raw", onMock.Path, StringComparison.Ordinal);
        Assert.Null(image.Status.PrepareTaskRef);
        Assert.Equal(VirtualMachineConventions.ReasonPrepared, Conditions.Find(image.Status.Conditions, VirtualMachineConventions.ConditionImporting)!.Reason);
        Assert.True(Conditions.IsTrue(image.Status.Conditions, VirtualMachineConventions.ConditionReady));
        await env.WaitForEventAsync(first, "ImagePrepare");

        // A second VM uses the prepared copy: no second download.
        await env.CreateVmAsync(second, s => s with { ImageRef = new ObjectRef { Name = imageName } });
        await env.WaitRunningAsync(second);
        Assert.Equal(1, http.Requests);
    }

    [Fact]
    public async Task Reconcile_MissingDependencies_NamesEachMissingObjectThenProceeds()
    {
        await using var env = await StartAsync("vm-deps");
        var name = env.Namespace + "-svc";
        await env.CreateVmAsync(name, s => s with
        {
            ClassRef = new ObjectRef { Name = "large" },
            ImageRef = new ObjectRef { Name = "debian" },
            Networks = [new VMNetworkRef { Name = "eth0", NetworkRef = new ObjectRef { Name = "app-net" } }],
            UserData = new UserData { CloudInit = new CloudInitConfig { SecretRef = new LocalObjectReference { Name = "seed" } } },
        });
        var ns = env.Namespace;

        var vm = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionReady) is { Reason: VirtualMachineConventions.ReasonWaitingForDependencies }, "WaitingForDependencies");
        Assert.Equal($"VMClass {ns}/large not found; VMImage {ns}/debian not found; VMNetworkAttachment {ns}/app-net (network eth0) not found", VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionReady)!.Message);
        Assert.Equal(VirtualMachinePhase.Pending, vm.Status!.Phase);

        await fixture.Client.VMClasses(ns).CreateAsync(new VMClass { Metadata = new ObjectMeta { Namespace = ns, Name = "large" }, Spec = new VMClassSpec { Cpu = 4, Memory = Quantity.Parse("4Gi") } });
        await fixture.Client.VMImages(ns).CreateAsync(new VMImage { Metadata = new ObjectMeta { Namespace = ns, Name = "debian" }, Spec = new VMImageSpec { Source = new ImageSource { VSphere = new VSphereImageSource { TemplateName = "ubuntu" } } } });
        await fixture.Client.VMNetworkAttachments(ns).CreateAsync(new VMNetworkAttachment
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "app-net" },
            Spec = new VMNetworkAttachmentSpec { Network = new VMNetworkConfig { Libvirt = new LibvirtNetworkConfig { NetworkName = "app" } } },
        });

        // The Secret is read only at create time; its absence is named the same way.
        vm = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionReady)?.Message.StartsWith("Secret ", StringComparison.Ordinal) == true, "the missing Secret to be named");
        Assert.Equal($"Secret {ns}/seed (spec.userData.cloudInit.secretRef) not found", VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionReady)!.Message);

        await fixture.Client.Core.Secrets(ns).CreateAsync(new Secret
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = "seed" },
            Data = new Dictionary<string, byte[]> { ["user-data"] = Encoding.UTF8.GetBytes("#cloud-config\npackages: [nginx]\n") },
        });
        vm = await env.WaitRunningAsync(name);
        Assert.Equal(new VirtualMachineResources { Cpu = 4, MemoryMiB = 4096 }, vm.Status!.CurrentResources);
    }

    [Fact]
    public async Task Reconcile_IgnitionUserData_TerminalValidationErrorWithoutProviderCalls()
    {
        await using var env = await StartAsync("vm-invalid");
        var name = env.Namespace + "-ign";
        await env.CreateVmAsync(name, s => s with { UserData = new UserData { Ignition = new IgnitionConfig { Inline = "{\"ignition\":{\"version\":\"3.4.0\"}}" } } });

        var vm = await env.WaitAsync(name, v => v.Status?.Phase == VirtualMachinePhase.Failed, "Failed");
        var ready = VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionReady)!;
        Assert.Equal(VirtualMachineConventions.ReasonValidationError, ready.Reason);
        Assert.StartsWith("spec.userData.ignition is not supported", ready.Message, StringComparison.Ordinal);
        Assert.Empty(await env.MockVmsNamedAsync(name));
        Assert.DoesNotContain("operation=\"Create\"", env.Metrics(), StringComparison.Ordinal);
        await env.WaitForEventAsync(name, VirtualMachineConventions.ReasonValidationError);

        // Fixing the spec is the retry.
        await env.EditAsync(name, v => v with { Spec = v.Spec with { UserData = null } });
        await env.WaitRunningAsync(name);
    }

    [Fact]
    public async Task Reconcile_OffGracefulGuestWithoutTools_PowersOffHardAfterTheTimeout()
    {
        await using var env = await StartAsync("vm-notools", new VMClassSpec { Cpu = 1, Memory = Quantity.Parse("1Gi"), GuestToolsPolicy = GuestToolsPolicy.Skip });
        var name = env.Namespace + "-appliance";
        await env.CreateVmAsync(name, s => s with { Lifecycle = new VirtualMachineLifecycle { GracefulShutdownTimeout = Duration.Parse("2s") } });
        await env.WaitAsync(name, v => v.Status?.Phase == VirtualMachinePhase.Running, "Running (no IPs without guest tools)");

        await env.EditAsync(name, v => v with { Spec = v.Spec with { PowerState = PowerState.OffGraceful } });
        var shutting = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionReconfiguring) is { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonShuttingDown }, "the shutdown to start");
        Assert.Contains("cannot shut down gracefully", VmTestEnvironment.ConditionOf(shutting, VirtualMachineConventions.ConditionReconfiguring)!.Message, StringComparison.Ordinal);

        var vm = await env.WaitAsync(name, v => v.Status?.Phase == VirtualMachinePhase.Stopped, "Stopped");
        var started = VmTestEnvironment.ConditionOf(shutting, VirtualMachineConventions.ConditionReconfiguring)!.LastTransitionTime;
        Assert.True(VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionReconfiguring)!.LastTransitionTime - started >= TimeSpan.FromSeconds(2), "powered off only after the 2 s timeout");
        var events = await env.EventReasonsAsync(name);
        Assert.Contains("GracefulShutdownUnavailable", events);
        Assert.Contains("GracefulShutdownTimeout", events);
        Assert.Contains("PowerOff", events);
    }
}
