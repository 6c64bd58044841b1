using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.V1;

namespace VirtRigaud.Controllers.VirtualMachines;

public sealed partial class VirtualMachineReconciler
{
    /// <summary>
    /// CPU, memory and disks (<see cref="ReconfigurePlanner"/>): when the desired hardware differs from the VM's,
    /// Reconfigure — at once when the change can be made while the VM runs (or it is off); otherwise the VM is
    /// power-cycled: <c>RestartRequired=True</c>, the power step shuts it down gracefully (hard after the timeout),
    /// this step reconfigures it while off, and the power step starts it again. The cycle happens only when
    /// <c>spec.powerState</c> wants the VM on; a VM meant to be off is reconfigured once it is off. Shrinking a disk is
    /// refused (Ready=False/ValidationError naming the disk) while the other changes go ahead.
    /// </summary>
    /// <remarks>
    /// Disk sizes are read from the provider (GetDiskInfo) only when the desired disks differ from those under which
    /// they were last read (kept in memory, forgotten after a reconfigure or revert), so a VM at rest costs no extra
    /// RPC; after a manager restart each VM with disks is read once. The root disk size last applied is remembered
    /// apart, to tell a class lowered below it (refused) from a root disk its image made larger (fine).
    /// </remarks>
    private async Task<ReconcileResult?> ReconcileResourcesAsync(ObjectKey key, Draft draft, ProviderConnection connection, Dependencies dependencies, PowerState? observed, CancellationToken cancellationToken)
    {
        var vm = draft.Vm;
        var desired = DesiredHardware.Of(vm, dependencies.Class!);
        var signature = desired.DiskSignature;
        var uid = vm.Metadata.Uid ?? key.ToString();
        var fresh = !_disks.TryGetValue(uid, out var memory) || memory.Signature != signature;
        var disks = fresh
            ? await ReadDisksAsync(draft, connection, desired, cancellationToken).ConfigureAwait(false)
            : memory!.Disks;
        if (fresh)
        {
            _disks[uid] = new DiskMemory(signature, disks);
        }

        var applied = _appliedPrimary.TryGetValue(uid, out var knownPrimary) ? knownPrimary : (int?)null;
        var plan = ReconfigurePlanner.Plan(desired, disks with { Current = draft.Status.CurrentResources, AppliedPrimaryDiskGiB = applied }, dependencies.Capabilities);
        if (desired.PrimaryDiskGiB is { } wantedPrimary && disks.PrimaryDiskBytes is { } primaryBytes && primaryBytes >= wantedPrimary * DesiredHardware.GiB
            && (applied is null || wantedPrimary > applied))
        {
            // Never lowered: a class lowered below the disk stays refused until it is raised again.
            _appliedPrimary[uid] = wantedPrimary;
        }

        foreach (var refusal in plan.Refusals)
        {
            draft.Block(VirtualMachineConventions.ReasonValidationError, refusal);
        }

        if (fresh && plan.Refusals.Count > 0)
        {
            _events.Event(vm, EventTypes.Warning, VirtualMachineConventions.ReasonValidationError, string.Join("; ", plan.Refusals));
        }

        var cycle = plan.HasChanges && observed == PowerState.On && !plan.Online;
        if (!cycle || VirtualMachinePhases.Desired(vm) != PowerState.On)
        {
            // Nothing (left) that needs a restart, or spec.powerState powers the VM off anyway: no cycle.
            draft.Status = draft.Status with { Conditions = Conditions.Remove(draft.Status.Conditions, VirtualMachineConventions.ConditionRestartRequired) };
        }

        if (!plan.HasChanges)
        {
            return null;
        }

        if (cycle)
        {
            if (VirtualMachinePhases.Desired(vm) == PowerState.On)
            {
                var why = $"{plan.Summary} cannot be applied while the VM runs on provider {dependencies.ProviderName}; power-cycling it";
                if (!Conditions.IsTrue(draft.Status.Conditions, VirtualMachineConventions.ConditionRestartRequired))
                {
                    _events.Event(vm, EventTypes.Normal, VirtualMachineConventions.ConditionRestartRequired, why);
                }

                draft.Set(VirtualMachineConventions.ConditionRestartRequired, ConditionStatus.True, VirtualMachineConventions.ReasonPowerCycle, why);
            }

            // The power step shuts the VM down (for the cycle, or because spec.powerState says so); the next pass
            // reconfigures it while off.
            return null;
        }

        if (GivenUp(key, draft, VmOperation.Reconfigure))
        {
            return null;
        }

        draft.Operation = VmOperation.Reconfigure;
        var payload = CreatePayloadBuilder.BuildReconfigureDesired(new CreatePayloadInputs
        {
            Vm = vm,
            Class = dependencies.Class!,
            Image = dependencies.Image,
            ProviderName = dependencies.ProviderName,
            ProviderType = dependencies.Provider!.Spec.Type,
            Networks = dependencies.Attachments,
        }, plan);
        var response = await connection.ReconfigureAsync(new ReconfigureRequest { Id = draft.Status.Id, DesiredJson = payload }, cancellationToken).ConfigureAwait(false);
        VirtualMachineLog.Operation(_logger, key.ToString(), "reconfigure", plan.Summary);
        draft.Status = draft.Status with { LastReconfigureTime = draft.Now, Phase = VirtualMachinePhase.Reconfiguring };
        if (response.Task is { Id.Length: > 0 } task)
        {
            draft.Status = draft.Status with { ReconfigureTaskRef = task.Id };
            draft.Set(VirtualMachineConventions.ConditionReconfiguring, ConditionStatus.True, VirtualMachineConventions.ReasonUpdating, $"reconfiguring: {plan.Summary}");
            _events.Event(vm, EventTypes.Normal, "Reconfiguring", $"reconfiguring: {plan.Summary}");
            return WaitForTask(key, connection, task.Id);
        }

        if (plan.PrimaryDiskSizeGiB > 0)
        {
            _appliedPrimary[uid] = plan.PrimaryDiskSizeGiB;
        }

        ReconfigureCompleted(key, draft, desired, $"reconfigured: {plan.Summary}");
        return null;
    }

    /// <summary>A Reconfigure finished: the new CPU/memory are current; the disks are verified again on the next pass.</summary>
    private void ReconfigureCompleted(ObjectKey key, Draft draft, DesiredHardware desired, string what)
    {
        _budget.Succeeded(key.ToString(), nameof(VmOperation.Reconfigure));
        ForgetHardware(draft.Vm);
        var message = what.StartsWith("reconfiguring: ", StringComparison.Ordinal) ? "reconfigured: " + what["reconfiguring: ".Length..] : what;
        draft.Status = draft.Status with
        {
            CurrentResources = new VirtualMachineResources { Cpu = desired.Cpu, MemoryMiB = desired.MemoryMiB },
            Conditions = Conditions.Remove(draft.Status.Conditions, VirtualMachineConventions.ConditionRestartRequired),
        };
        draft.Set(VirtualMachineConventions.ConditionReconfiguring, ConditionStatus.False, VirtualMachineConventions.ReasonReconcileSuccess, message);
        _events.Event(draft.Vm, EventTypes.Normal, "Reconfigured", message);
    }

    /// <summary>
    /// The sizes of the disks the spec names (GetDiskInfo; the primary disk is the empty disk id). A disk the
    /// provider does not know is absent (it will be added); a provider without GetDiskInfo leaves sizes unknown.
    /// </summary>
    private static async Task<ObservedHardware> ReadDisksAsync(Draft draft, ProviderConnection connection, DesiredHardware desired, CancellationToken cancellationToken)
    {
        draft.Operation = VmOperation.DiskInfo;
        var id = draft.Status.Id ?? "";
        long? primary = null;
        var disks = new Dictionary<string, long?>(StringComparer.Ordinal);
        var supported = true;
        if (desired.PrimaryDiskGiB is not null)
        {
            (primary, supported) = await DiskSizeAsync(connection, id, "", cancellationToken).ConfigureAwait(false);
        }

        foreach (var disk in desired.Disks)
        {
            if (!supported)
            {
                disks[disk.Name] = null;
                continue;
            }

            var (size, known) = await DiskSizeAsync(connection, id, disk.Name, cancellationToken).ConfigureAwait(false);
            supported = known;
            if (!known)
            {
                disks[disk.Name] = null;
            }
            else if (size is { } bytes)
            {
                disks[disk.Name] = bytes;
            }
        }

        return new ObservedHardware { PrimaryDiskBytes = primary, DiskBytes = disks };
    }

    /// <summary>(size, supported): size null with supported = the disk does not exist; supported false = no GetDiskInfo.</summary>
    private static async Task<(long? Size, bool Supported)> DiskSizeAsync(ProviderConnection connection, string vmId, string diskId, CancellationToken cancellationToken)
    {
        try
        {
            var info = await connection.GetDiskInfoAsync(new GetDiskInfoRequest { VmId = vmId, DiskId = diskId }, cancellationToken).ConfigureAwait(false);
            return (info.VirtualSizeBytes, true);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return (null, true);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            return (null, false);
        }
    }

    /// <summary>Forgets what the controller knows of a VM's disks (after a reconfigure, revert or re-create): verified again next time.</summary>
    private void ForgetHardware(VirtualMachine vm)
    {
        if (vm.Metadata.Uid is { } uid)
        {
            _disks.TryRemove(uid, out _);
        }
    }
}
