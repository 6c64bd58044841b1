using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;
using static VirtRigaud.Provider.Conformance.ConformanceContext;

namespace VirtRigaud.Provider.Conformance.Cases;

/// <summary>reconfigure: CPU and memory follow desired_json, offline always and online when advertised.</summary>
internal static class ReconfigureCases
{
    public static readonly ConformanceCase Reconfigure = new(
        ConformanceCaseNames.Reconfigure,
        "Reconfigure of a stopped VM changes CPU and memory as ListVMs reports them and is level-based (a repeat is a no-op); growing a running VM succeeds when supports_reconfigure_online, else answers FAILED_PRECONDITION.",
        ReconfigureAsync);

    private static async Task<CaseVerdict> ReconfigureAsync(ConformanceContext context, CancellationToken cancellationToken)
    {
        var capabilities = await context.CapabilitiesAsync(cancellationToken).ConfigureAwait(false);
        var name = context.Name("reconf");
        var original = context.CreateClass;
        var (cpu, memory) = (original.Cpu, original.MemoryMiB);
        var targetCpu = context.Fixture.Reconfigure.Cpu ?? cpu + 1;
        var targetMemory = context.Fixture.Reconfigure.MemoryMiB ?? memory * 2;
        Check(targetCpu != cpu || targetMemory != memory, "inputs: reconfigure asks for the create class's own sizing, which proves nothing");
        var resized = original with { Cpu = targetCpu, MemoryMiB = targetMemory };

        var id = await context.CreateVmAsync("reconf", cancellationToken).ConfigureAwait(false);
        await context.PowerAsync(id, PowerOp.Off, PowerCases.Off, cancellationToken).ConfigureAwait(false);
        await ExpectSizingAsync(context, id, cpu, memory, "after Create", cancellationToken).ConfigureAwait(false);

        await ReconfigureOnceAsync(context, id, context.DesiredJson(name, resized), $"CPU {targetCpu}, {targetMemory} MiB", cancellationToken).ConfigureAwait(false);
        await ExpectSizingAsync(context, id, targetCpu, targetMemory, "after Reconfigure of the stopped VM", cancellationToken).ConfigureAwait(false);
        await ReconfigureOnceAsync(context, id, context.DesiredJson(name, resized), "the same desired state again", cancellationToken).ConfigureAwait(false);
        await ExpectSizingAsync(context, id, targetCpu, targetMemory, "after repeating the same Reconfigure", cancellationToken).ConfigureAwait(false);

        // Online changes grow the VM (hot-add): no hypervisor removes CPUs or memory from a running guest.
        await context.PowerAsync(id, PowerOp.On, PowerCases.On, cancellationToken).ConfigureAwait(false);
        var (onlineCpu, onlineMemory) = (targetCpu + 1, targetMemory + memory);
        var grown = context.DesiredJson(name, original with { Cpu = onlineCpu, MemoryMiB = onlineMemory });
        if (capabilities.SupportsReconfigureOnline)
        {
            await ReconfigureOnceAsync(context, id, grown, $"CPU {onlineCpu}, {onlineMemory} MiB while running", cancellationToken).ConfigureAwait(false);
            await ExpectSizingAsync(context, id, onlineCpu, onlineMemory, "after online Reconfigure", cancellationToken).ConfigureAwait(false);
            await context.AwaitPowerStateAsync(id, PowerCases.On, "after online Reconfigure", cancellationToken).ConfigureAwait(false);
            return CaseVerdict.Pass();
        }

        // Not advertised: the contract's answer is FAILED_PRECONDITION (the change needs the VM powered off).
        await context.ExpectStatusAsync(
            $"Reconfigure of the running {id} (supports_reconfigure_online=false)",
            [StatusCode.FailedPrecondition],
            () => context.Client.ReconfigureAsync(new ReconfigureRequest { Id = id, DesiredJson = grown }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await ExpectSizingAsync(context, id, targetCpu, targetMemory, "after the refused online Reconfigure", cancellationToken).ConfigureAwait(false);
        return CaseVerdict.Pass("online reconfigure not advertised; checked that growing a running VM is refused with FAILED_PRECONDITION");
    }

    private static async Task ReconfigureOnceAsync(ConformanceContext context, string id, string desiredJson, string what, CancellationToken cancellationToken)
    {
        var response = await context.Client.ReconfigureAsync(new ReconfigureRequest { Id = id, DesiredJson = desiredJson }, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        context.Step($"Reconfigure {id} to {what} → OK{TaskSuffix(response.Task)}");
        await context.AwaitTaskAsync(response.Task, $"Reconfigure {id} to {what}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ListVMs is the one contract view of CPU and memory (VMInfo.cpu, VMInfo.memory_mib).</summary>
    private static async Task ExpectSizingAsync(ConformanceContext context, string id, int cpu, int memoryMiB, string when, CancellationToken cancellationToken)
    {
        var listed = await context.Client.ListVMsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var vm = listed.Vms.SingleOrDefault(v => v.Id == id);
        Check(vm is not null, $"{when}: ListVMs does not list {id}");
        context.Step($"ListVMs → {id}: cpu={vm!.Cpu} memory_mib={vm.MemoryMib}");
        Check(
            vm.Cpu == cpu && vm.MemoryMib == memoryMiB,
            $"{when}: ListVMs reports {id} with cpu={vm.Cpu} memory_mib={vm.MemoryMib}, want cpu={cpu} memory_mib={memoryMiB}");
    }
}
