using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Clones;

public sealed partial class VMCloneReconciler
{
    private const long MiB = 1024 * 1024;

    /// <summary>
    /// Binds the cloned provider VM: creates the target VirtualMachine (adopted label, provenance annotations, the
    /// clone's uid) unless it exists, seeds its <c>status.id</c> and <c>status.currentResources</c>, then waits for
    /// power-on when <c>options.powerOn</c> asks for it, and marks the clone Ready.
    /// </summary>
    private async Task<ReconcileResult> BindAsync(ObjectKey key, Draft draft, VirtualMachine source, string providerNs, Target target, VirtualMachine? existing, CancellationToken cancellationToken)
    {
        var clone = draft.Clone;
        var id = draft.Status.TargetVmId!;
        var vm = existing;
        if (vm is null)
        {
            try
            {
                vm = await _client.VirtualMachines(target.Namespace).CreateAsync(TargetVm(clone, source, providerNs, target), cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsAlreadyExists)
            {
                vm = await _client.VirtualMachines(target.Namespace).GetAsync(target.Name, cancellationToken).ConfigureAwait(false);
                if (!IsOurs(vm, clone))
                {
                    return Fail(key, draft, VMCloneConventions.ReasonTargetExists, $"target VirtualMachine {target.Namespace}/{target.Name} already exists and was not created by this clone");
                }
            }

            VMCloneLog.TargetCreated(_logger, key.ToString(), $"{target.Namespace}/{target.Name}", id);
            _events.Event(clone, EventTypes.Normal, VMCloneConventions.EventTargetBound, $"created VirtualMachine {target.Namespace}/{target.Name} for provider VM {id}");
        }

        if (vm.Status?.Id != id)
        {
            vm = await SeedAsync(target, id, TargetResources(clone, source), cancellationToken).ConfigureAwait(false);
            if (vm.Status?.Id != id)
            {
                return Fail(key, draft, VMCloneConventions.ReasonTargetExists, $"target VirtualMachine {target.Namespace}/{target.Name} is bound to provider VM {vm.Status?.Id}, not to the clone {id}");
            }
        }

        if (CloneCustomization.Merge(clone.Spec.Customization, clone.Spec.Target.Networks) is { } customization)
        {
            const string Passed = "passed to the provider with the Clone call (customize_json); the provider applies it while cloning";
            draft.Status = draft.Status with
            {
                CustomizationStatus = new CustomizationStatus { Started = true, Completed = true, CompletedSteps = CloneCustomization.Steps(customization), Message = Passed },
            };
            draft.Set(VMCloneConventions.ConditionCustomizing, ConditionStatus.False, VMCloneConventions.ReasonCompleted, Passed);
        }

        var bound = $"VirtualMachine {target.Namespace}/{target.Name} is bound to provider VM {id}";
        draft.Set(VMCloneConventions.ConditionCloning, ConditionStatus.False, VMCloneConventions.ReasonCompleted, bound);
        draft.Status = draft.Status with { TargetRef = new LocalObjectReference { Name = target.Name }, Progress = (draft.Status.Progress ?? new CloneProgress()) with { OverallPercentage = 100 } };
        if (clone.Spec.Options?.PowerOn == true && vm.Status?.PowerState != PowerState.On)
        {
            var waiting = $"{bound}; waiting for it to power on (spec.options.powerOn)";
            draft.Set(VMCloneConventions.ConditionReady, ConditionStatus.False, VMCloneConventions.ReasonPoweringOn, waiting);
            draft.Status = draft.Status with { Phase = ClonePhase.PoweringOn, Message = waiting };
            return ReconcileResult.After(_options.WaitInterval);
        }

        draft.Status = draft.Status with { Phase = ClonePhase.Ready, CompletionTime = draft.Now, Message = null };
        draft.Set(VMCloneConventions.ConditionReady, ConditionStatus.True, VMCloneConventions.ReasonCompleted, bound);
        draft.Status = draft.Status with { Conditions = Conditions.Remove(draft.Status.Conditions, VMCloneConventions.ConditionFailed) };
        VMCloneLog.Completed(_logger, key.ToString(), $"{target.Namespace}/{target.Name}", id);
        _events.Event(clone, EventTypes.Normal, VMCloneConventions.EventCompleted, bound);
        return ReconcileResult.Done;
    }

    /// <summary>
    /// The target VirtualMachine: labels = target.labels + adopted; annotations = target.annotations + provenance; the
    /// source's Provider; the target class (or the source's); the source's NICs with target overrides; target.disks (or
    /// the source's); target.placementRef; spec.powerState from options.powerOn. Pure.
    /// </summary>
    internal static VirtualMachine TargetVm(VMClone clone, VirtualMachine source, string providerNs, Target target)
    {
        var spec = clone.Spec;
        var labels = new Dictionary<string, string>(spec.Target.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [VMCloneConventions.AdoptedLabel] = "true",
        };
        var annotations = new Dictionary<string, string>(spec.Target.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [VMCloneConventions.ClonedFromAnnotation] = source.Metadata.Name ?? "",
            [VMCloneConventions.CloneAnnotation] = clone.Metadata.Name ?? "",
            [VMCloneConventions.CloneUidAnnotation] = clone.Metadata.Uid ?? "",
        };
        var sourceNs = source.Metadata.Namespace ?? "";
        return new VirtualMachine
        {
            Metadata = new ObjectMeta { Namespace = target.Namespace, Name = target.Name, Labels = labels, Annotations = annotations },
            Spec = new VirtualMachineSpec
            {
                ProviderRef = new ObjectRef { Name = source.Spec.ProviderRef.Name, Namespace = providerNs },
                ClassRef = spec.Target.ClassRef is { } classRef
                    ? new ObjectRef { Name = classRef.Name, Namespace = clone.Metadata.Namespace }
                    : new ObjectRef { Name = source.Spec.ClassRef.Name, Namespace = string.IsNullOrEmpty(source.Spec.ClassRef.Namespace) ? sourceNs : source.Spec.ClassRef.Namespace },
                Networks = Networks(spec.Target.Networks, source.Spec.Networks),
                Disks = spec.Target.Disks ?? source.Spec.Disks,
                PlacementRef = spec.Target.PlacementRef,
                PowerState = spec.Options?.PowerOn == true ? PowerState.On : PowerState.Off,
                Tags = spec.Customization?.Tags ?? source.Spec.Tags,
            },
        };
    }

    /// <summary>The source's NICs, each replaced by the target entry of the same name (keeping the source's network when the entry names none).</summary>
    private static IReadOnlyList<VMNetworkRef>? Networks(IReadOnlyList<VMNetworkRef>? target, IReadOnlyList<VMNetworkRef>? source)
    {
        if (target is null || source is null)
        {
            return source;
        }

        var overrides = target.ToDictionary(n => n.Name, StringComparer.Ordinal);
        return [.. source.Select(nic => overrides.TryGetValue(nic.Name, out var o) ? o with { NetworkRef = o.NetworkRef ?? nic.NetworkRef } : nic)];
    }

    /// <summary>What the clone runs with: the target class's CPU and memory (sent as class_json), else the source's.</summary>
    private VirtualMachineResources? TargetResources(VMClone clone, VirtualMachine source)
    {
        if (clone.Spec.Target.ClassRef is { } classRef && _classes.Get(clone.Metadata.Namespace, classRef.Name) is { } targetClass)
        {
            return new VirtualMachineResources { Cpu = targetClass.Spec.Cpu, MemoryMiB = targetClass.Spec.Memory.Value() / MiB };
        }

        return source.Status?.CurrentResources is { } current ? current with { Gpu = null } : null;
    }

    /// <summary>Seeds the target VM's status.id (re-reading on conflict: the VM controller writes the new VM's status too).</summary>
    private async Task<VirtualMachine> SeedAsync(Target target, string id, VirtualMachineResources? resources, CancellationToken cancellationToken)
    {
        var client = _client.VirtualMachines(target.Namespace);
        for (var attempt = 1; ; attempt++)
        {
            var fresh = await client.GetAsync(target.Name, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(fresh.Status?.Id))
            {
                return fresh;
            }

            try
            {
                var status = (fresh.Status ?? new VirtualMachineStatus()) with { Id = id, CurrentResources = fresh.Status?.CurrentResources ?? resources };
                return await client.UpdateStatusAsync(fresh with { Status = status }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < _options.ConflictRetries)
            {
                // Someone wrote the VM in between; read it again.
            }
        }
    }
}
