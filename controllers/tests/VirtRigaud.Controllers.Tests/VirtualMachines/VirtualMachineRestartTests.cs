using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Controllers.Tests.Testing;
using VirtRigaud.Controllers.VirtualMachines;

namespace VirtRigaud.Controllers.Tests.VirtualMachines;

/// <summary>
/// Restarts: of the manager in the middle of a create (no duplicate VM), and of the VM itself when a CPU/memory change
/// cannot be applied while it runs (the provider cannot reconfigure online: a power-cycle with RestartRequired).
/// </summary>
public sealed class VirtualMachineRestartTests(ApiServerFixture fixture, OfflineMockFixture mock) : IClassFixture<ApiServerFixture>, IClassFixture<OfflineMockFixture>
{
    [Fact]
    public async Task Reconcile_ManagerRestartMidCreate_SameVmNoDuplicate()
    {
        await using var env = await VmTestEnvironment.StartAsync(fixture, fixture.NewNamespace("vm-restart"), mock.Mock, VmTestEnvironment.FastOptions);
        var name = env.Namespace + "-web";
        await env.CreateVmAsync(name);

        // The create task runs for 3 s: stop the manager while it does.
        var creating = await env.WaitAsync(name, v => !string.IsNullOrEmpty(v.Status?.Id) && v.Status.LastTaskRef is not null, "the create task to be recorded");
        Assert.Equal(VirtualMachineConventions.ReasonCreating, VmTestEnvironment.ConditionOf(creating, VirtualMachineConventions.ConditionProvisioning)!.Reason);
        Assert.Equal(VirtualMachinePhase.Provisioning, creating.Status!.Phase);
        await env.StopManagerAsync();
        await env.StartManagerAsync();

        var vm = await env.WaitRunningAsync(name);
        Assert.Equal(creating.Status.Id, vm.Status!.Id);
        var onProvider = Assert.Single(await env.MockVmsNamedAsync(name));
        Assert.Equal(creating.Status.Id, onProvider.Id);
    }

    [Fact]
    public async Task Reconcile_CpuChangeWithoutOnlineReconfigure_PowerCyclesWithRestartRequired()
    {
        await using var env = await VmTestEnvironment.StartAsync(fixture, fixture.NewNamespace("vm-cycle"), mock.Mock, VmTestEnvironment.FastOptions);
        var name = env.Namespace + "-worker";
        await env.CreateVmAsync(name);
        await env.WaitRunningAsync(name);

        await env.EditAsync(name, v => v with { Spec = v.Spec with { Resources = new VirtualMachineResources { Cpu = 3, MemoryMiB = 3072 } } });
        var cycling = await env.WaitAsync(name, v => Conditions.IsTrue(v.Status?.Conditions, VirtualMachineConventions.ConditionRestartRequired), "RestartRequired");
        Assert.Equal(VirtualMachineConventions.ReasonPowerCycle, VmTestEnvironment.ConditionOf(cycling, VirtualMachineConventions.ConditionRestartRequired)!.Reason);
        Assert.Contains("2 → 3 vCPU", VmTestEnvironment.ConditionOf(cycling, VirtualMachineConventions.ConditionRestartRequired)!.Message, StringComparison.Ordinal);

        var vm = await env.WaitAsync(name, v => v.Status?.CurrentResources?.Cpu == 3 && v.Status.Phase == VirtualMachinePhase.Running && Conditions.IsTrue(v.Status.Conditions, VirtualMachineConventions.ConditionReady), "reconfigured and running again");
        Assert.Null(VmTestEnvironment.ConditionOf(vm, VirtualMachineConventions.ConditionRestartRequired));
        Assert.Equal("3", vm.Status!.Provider!["cpu"]);
        var events = await env.EventReasonsAsync(name);
        Assert.Contains("RestartRequired", events);
        Assert.Contains("ShutdownGraceful", events);
        Assert.Contains("Reconfigured", events);
        Assert.Equal(1, env.Metric(VmTestEnvironment.OkCalls("Reconfigure")));

        // A VM meant to be off is reconfigured while off, without being started.
        await env.EditAsync(name, v => v with { Spec = v.Spec with { PowerState = PowerState.Off } });
        await env.WaitAsync(name, v => v.Status?.Phase == VirtualMachinePhase.Stopped, "Stopped");
        await env.EditAsync(name, v => v with { Spec = v.Spec with { Resources = new VirtualMachineResources { Cpu = 1, MemoryMiB = 1024 } } });
        vm = await env.WaitAsync(name, v => v.Status?.CurrentResources?.Cpu == 1 && v.Status.Phase == VirtualMachinePhase.Stopped, "reconfigured while off");
        Assert.Equal(PowerState.Off, vm.Status!.PowerState);
    }
}
