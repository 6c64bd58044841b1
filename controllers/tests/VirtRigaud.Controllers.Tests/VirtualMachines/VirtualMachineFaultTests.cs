using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Controllers.VirtualMachines;

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

/// <summary>
/// The VirtualMachine controller against the real mock provider's failure injection: failing tasks, refused and
/// unavailable RPCs, a provider that is down or gone, lost create answers. Tests of this class share one mock and
/// run one after another (its fault document is global); each leaves the faults cleared.
/// </summary>
public sealed class VirtualMachineFaultTests(ApiServerFixture fixture, SyncMockFixture mock) : IClassFixture<ApiServerFixture>, IClassFixture<SyncMockFixture>
{
    private Task<VmTestEnvironment> StartAsync(string prefix) =>
        VmTestEnvironment.StartAsync(fixture, fixture.NewNamespace(prefix), mock.Mock, VmTestEnvironment.FastOptions);

    private static JsonObject Faults(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public async Task Reconcile_CreateTaskFails_RecordedRetriedBoundedThenGivenUpUntilTheSpecChanges()
    {
        await using var env = await StartAsync("vm-taskfail");
        var name = env.Namespace + "-web";
        await mock.Mock.SetFaultsAsync(Faults("""{"tasks":{"Create":{"failAlways":true,"message":"datastore full"}}}"""));
        try
        {
            await env.CreateVmAsync(name);

            var vm = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionReady) is { Reason: VirtualMachineConventions.ReasonBackoffLimitExceeded }, "the create to be given up");
            Assert.Equal(VirtualMachinePhase.Failed, vm.Status!.Phase);
            Assert.Null(vm.Status.Id);
            Assert.Null(vm.Status.LastTaskRef);
            var provisioning = VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionProvisioning)!;
            Assert.Equal(VirtualMachineConventions.ReasonTaskFailed, provisioning.Reason);
            Assert.Contains("datastore full", provisioning.Message, StringComparison.Ordinal);
            Assert.Contains("create failed 3 times", VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionReady)!.Message, StringComparison.Ordinal);
            Assert.Contains(VirtualMachineConventions.ReasonTaskFailed, await env.EventReasonsAsync(name));
            await env.WaitForEventAsync(name, VirtualMachineConventions.ReasonBackoffLimitExceeded);
            Assert.Contains("virtrigaud_vm_operations_total{operation=\"Create\",outcome=\"success\",provider=\"mock\",provider_type=\"mock\"} 3", env.Metrics(), StringComparison.Ordinal);
            Assert.Empty(await env.MockVmsNamedAsync(name));
        }
        finally
        {
            await mock.Mock.SetFaultsAsync();
        }

        // Given up means no more attempts until the spec changes; a change is the retry.
        await env.EditAsync(name, v => v with { Spec = v.Spec with { Tags = ["retry"] } });
        await env.WaitRunningAsync(name);
        Assert.Single(await env.MockVmsNamedAsync(name));
    }

    [Fact]
    public async Task Reconcile_CreateUnavailableThenAnswers_RetriedWithoutCountingAndCreatedOnce()
    {
        await using var env = await StartAsync("vm-unavail");
        var name = env.Namespace + "-api";
        await mock.Mock.SetFaultsAsync(Faults("""{"rpcs":{"Create":{"failTimes":5,"code":"UNAVAILABLE","message":"hypervisor restarting"}}}"""));
        try
        {
            await env.CreateVmAsync(name);
            var vm = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionReady)?.Message.Contains("hypervisor restarting", StringComparison.Ordinal) == true, "the outage to be reported");
            Assert.Equal(VirtualMachineConventions.ReasonProviderError, VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionReady)!.Reason);

            // Five refusals exceed MaxOperationAttempts (3), but outages do not count: the VM is created.
            vm = await env.WaitRunningAsync(name);
            Assert.Single(await env.MockVmsNamedAsync(name));
        }
        finally
        {
            await mock.Mock.SetFaultsAsync();
        }
    }

    [Fact]
    public async Task Reconcile_ProviderDown_VmWaitsWithProviderErrorAndRecovers()
    {
        await using var env = await StartAsync("vm-down");
        var name = env.Namespace + "-db";
        await mock.Mock.SetFaultsAsync(Faults("""{"down":true}"""));
        try
        {
            await env.CreateVmAsync(name);
            var vm = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionReady) is { Reason: VirtualMachineConventions.ReasonProviderError }, "ProviderError");
            Assert.Contains("(Unavailable)", VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionReady)!.Message, StringComparison.Ordinal);
            Assert.NotNull(vm.Status!.Phase);
        }
        finally
        {
            await mock.Mock.SetFaultsAsync();
        }

        await env.WaitRunningAsync(name);
    }

    [Fact]
    public async Task Reconcile_DeleteTaskFails_FinalizerKeptWithReasonUntilTheProviderDeletes()
    {
        await using var env = await StartAsync("vm-delfail");
        var name = env.Namespace + "-cache";
        await env.CreateVmAsync(name);
        var vm = await env.WaitRunningAsync(name);
        await mock.Mock.SetFaultsAsync(Faults("""{"tasks":{"Delete":{"failAlways":true,"message":"disk locked"}}}"""));
        try
        {
            await env.Vms.DeleteAsync(name);
            vm = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionDeleting) is { Reason: VirtualMachineConventions.ReasonProviderError }, "the failed delete to be reported");
            Assert.True(vm.Metadata.HasFinalizer(VirtualMachineConventions.Finalizer));
            Assert.Equal(VirtualMachinePhase.Deleting, vm.Status!.Phase);
            Assert.Contains("disk locked", VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionDeleting)!.Message, StringComparison.Ordinal);
            await env.WaitForEventAsync(name, "DeleteFailed");
            Assert.Single(await env.MockVmsNamedAsync(name));
        }
        finally
        {
            await mock.Mock.SetFaultsAsync();
        }

        await Wait.UntilAsync(async () => await env.GetAsync(name) is null, "the delete to succeed once the provider can");
        Assert.Empty(await env.MockVmsNamedAsync(name));
    }

    [Fact]
    public async Task Reconcile_CreateAnswerLost_SameVmAdoptedByNameAndDeletionFindsItByName()
    {
        await using var env = await StartAsync("vm-lost");
        var name = env.Namespace + "-lost";

        // A previous manager's Create reached the provider, but its answer never reached the status.
        var onProvider = await env.Connection.CreateAsync(CreatePayloadBuilder.BuildCreateRequest(new CreatePayloadInputs
        {
            Vm = VmTestEnvironment.Vm(env.Namespace, name),
            Class = await fixture.Client.VMClasses(env.Namespace).GetAsync("small"),
            Image = await fixture.Client.VMImages(env.Namespace).GetAsync("ubuntu"),
            ProviderName = "mock",
            ProviderType = ProviderType.Mock,
        }), CancellationToken.None);
        await env.CreateVmAsync(name);
        var vm = await env.WaitRunningAsync(name);
        Assert.Equal(onProvider.Id, vm.Status!.Id);
        Assert.Single(await env.MockVmsNamedAsync(name));

        // Again, but now the answer is lost while the VM is deleted: deletion looks the VM up by name.
        await env.StopManagerAsync();
        vm = await env.Vms.GetAsync(name);
        await env.Vms.UpdateStatusAsync(vm with
        {
            Status = vm.Status! with
            {
                Id = null,
                Conditions = Conditions.Set(vm.Status.Conditions, new Condition { Type = VirtualMachineConventions.ConditionProvisioning, Status = ConditionStatus.True, Reason = VirtualMachineConventions.ReasonCreating, Message = "creating", LastTransitionTime = default }, DateTimeOffset.UtcNow),
            },
        });
        await env.Vms.DeleteAsync(name);
        await env.StartManagerAsync();

        await Wait.UntilAsync(async () => await env.GetAsync(name) is null, "the VM to be deleted");
        Assert.Empty(await env.MockVmsNamedAsync(name));
    }

    [Fact]
    public async Task Reconcile_ProviderGoneDuringDelete_FinalizerKeptUntilForceDelete()
    {
        // With the real Provider controller: it health-checks the mock and takes the connection away when it dies.
        var ns = fixture.NewNamespace("vm-force");
        var own = await MockProviderProcess.StartAsync("--templates", "ubuntu");
        await using var env = await VmTestEnvironment.StartAsync(fixture, ns, own, VmTestEnvironment.FastOptions, withProviderController: true);
        var name = ns + "-app";
        await env.CreateVmAsync(name);
        await env.WaitRunningAsync(name);

        await own.DisposeAsync();
        await ProviderHarness.WaitForAsync(fixture, ns, "mock", p => p.Status?.Healthy == false, "the Provider controller to notice the provider is gone");
        await env.Vms.DeleteAsync(name);

        var vm = await env.WaitAsync(name, v => VmTestEnvironment.ConditionOf(v, VirtualMachineConventions.ConditionDeleting) is { Reason: VirtualMachineConventions.ReasonProviderError }, "the Deleting condition to report the provider error");
        Assert.True(vm.Metadata.HasFinalizer(VirtualMachineConventions.Finalizer));
        var deleting = VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionDeleting)!.Message;
        Assert.Contains($"Provider {ns}/mock is not connected", deleting, StringComparison.Ordinal);
        Assert.Contains(VirtualMachineConventions.ForceDeleteAnnotation, deleting, StringComparison.Ordinal);
        Assert.Equal(VirtualMachinePhase.Deleting, vm.Status!.Phase);

        await env.EditAsync(name, v => v with { Metadata = v.Metadata with { Annotations = new Dictionary<string, string> { [VirtualMachineConventions.ForceDeleteAnnotation] = "true" } } });
        await Wait.UntilAsync(async () => await env.GetAsync(name) is null, "force-delete to remove the finalizer");
        await env.WaitForEventAsync(name, "ForceDeleted");
    }
}
