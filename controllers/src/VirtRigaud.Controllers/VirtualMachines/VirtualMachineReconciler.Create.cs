using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Events;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.VirtualMachines;

public sealed partial class VirtualMachineReconciler
{
    /// <summary>
    /// A VM without <c>status.id</c>: checks the spec (a refusal is terminal until the spec changes, not a retry
    /// loop), honours a given-up create, prepares the image, then creates. Returns a result while the VM waits; null
    /// when the VM exists and the pass may describe it.
    /// </summary>
    private async Task<ReconcileResult?> EnsureCreatedAsync(ObjectKey key, Draft draft, ProviderConnection connection, Dependencies dependencies, CancellationToken cancellationToken)
    {
        if (CreateRefusal(draft.Vm) is { } refusal)
        {
            draft.Set(VirtualMachineConventions.ConditionProvisioning, ConditionStatus.False, VirtualMachineConventions.ReasonValidationError, refusal);
            if (Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionReady) is not { Reason: VirtualMachineConventions.ReasonValidationError } previous || previous.Message != refusal)
            {
                _events.Event(draft.Vm, EventTypes.Warning, VirtualMachineConventions.ReasonValidationError, refusal);
            }

            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonValidationError, refusal);
            draft.Status = draft.Status with { Phase = VirtualMachinePhase.Failed, Message = refusal };

            // Terminal for this generation: a spec change (an update event) brings the VM back.
            return ReconcileResult.Done;
        }

        if (GivenUp(key, draft, VmOperation.Create))
        {
            var (reason, message, _) = draft.Blockers[^1];
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, reason, message);
            draft.Status = draft.Status with { Phase = VirtualMachinePhase.Failed, Message = message };
            return ReconcileResult.Done;
        }

        if (await PrepareImageAsync(key, draft, connection, dependencies, cancellationToken).ConfigureAwait(false) is { } preparing)
        {
            return preparing;
        }

        return await CreateAsync(key, draft, connection, dependencies, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Why the spec cannot be created as written (the message names the fields), or null. Upstream enforced the
    /// image one-of only by returning an error into an endless rate-limited retry, and accepted Ignition silently.
    /// </summary>
    internal static string? CreateRefusal(VirtualMachine vm)
    {
        var image = vm.Spec.ImageRef is not null;
        var disk = vm.Spec.ImportedDisk is not null;
        if (image == disk)
        {
            return image
                ? "spec.imageRef and spec.importedDisk are both set: exactly one of them must be (the VM boots from an image or from an imported disk)"
                : "neither spec.imageRef nor spec.importedDisk is set: exactly one of them must be (the VM boots from an image or from an imported disk)";
        }

        if (vm.Spec.UserData?.Ignition is not null)
        {
            return "spec.userData.ignition is not supported: no provider consumes Ignition configs; use spec.userData.cloudInit";
        }

        return null;
    }

    /// <summary>
    /// Create. The provider keys Create by the VM's name (idempotent: a repeat returns the same VM and its running
    /// task), so the sequence is: record <c>Provisioning=True/Creating</c> (so a crash after the RPC is known to
    /// deletion, which then looks the VM up by name), call Create, record <c>status.id</c> and the task. A manager
    /// restart anywhere in between repeats Create with the same name and gets the same VM: never a duplicate.
    /// </summary>
    private async Task<ReconcileResult?> CreateAsync(ObjectKey key, Draft draft, ProviderConnection connection, Dependencies dependencies, CancellationToken cancellationToken)
    {
        var vm = draft.Vm;
        var ns = vm.Metadata.Namespace ?? "";
        var missing = new List<string>();
        var userSecret = await ReadSecretAsync(ns, vm.Spec.UserData?.CloudInit?.SecretRef?.Name, "spec.userData.cloudInit.secretRef", missing, cancellationToken).ConfigureAwait(false);
        var metaSecret = await ReadSecretAsync(ns, vm.Spec.MetaData?.CloudInit?.SecretRef?.Name, "spec.metaData.cloudInit.secretRef", missing, cancellationToken).ConfigureAwait(false);
        if (missing.Count > 0)
        {
            // Secrets are not watched (the manager does not cache them): look again later.
            return Wait(draft, string.Join("; ", missing));
        }

        CloudInitDocuments documents;
        try
        {
            documents = CloudInitRenderer.Render(vm.Spec.UserData?.CloudInit, userSecret, vm.Spec.MetaData?.CloudInit, metaSecret);
        }
        catch (CloudInitException e)
        {
            if (Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionReady) is not { Reason: VirtualMachineConventions.ReasonWaitingForDependencies } previous || previous.Message != e.Message)
            {
                _events.Event(vm, EventTypes.Warning, VirtualMachineConventions.ReasonWaitingForDependencies, e.Message);
            }

            // The Secret may still be being written: a dependency that is not ready rather than a refusal.
            return Wait(draft, e.Message);
        }

        if (Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionProvisioning) is not { Status: ConditionStatus.True, Reason: VirtualMachineConventions.ReasonCreating })
        {
            draft.Set(VirtualMachineConventions.ConditionProvisioning, ConditionStatus.True, VirtualMachineConventions.ReasonCreating, $"creating VM {vm.Metadata.Name} on provider {dependencies.ProviderName}");
            draft.Set(VirtualMachineConventions.ConditionReady, ConditionStatus.False, VirtualMachineConventions.ReasonCreating, $"creating VM {vm.Metadata.Name} on provider {dependencies.ProviderName}");
            draft.Status = draft.Status with { Phase = VirtualMachinePhase.Provisioning, Message = null };
            await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
        }

        draft.Operation = VmOperation.Create;
        var request = CreatePayloadBuilder.BuildCreateRequest(new CreatePayloadInputs
        {
            Vm = vm,
            Class = dependencies.Class!,
            Image = dependencies.Image,
            ProviderName = dependencies.ProviderName,
            ProviderType = dependencies.Provider!.Spec.Type,
            Networks = dependencies.Attachments,
            CloudInit = documents,
        });
        var response = await connection.CreateAsync(request, cancellationToken).ConfigureAwait(false);

        var desired = DesiredHardware.Of(vm, dependencies.Class!);
        var task = response.Task is { Id.Length: > 0 } t ? t.Id : null;
        draft.Status = draft.Status with
        {
            Id = response.Id,
            LastTaskRef = task,
            CurrentResources = new VirtualMachineResources { Cpu = desired.Cpu, MemoryMiB = desired.MemoryMiB },
            Phase = VirtualMachinePhase.Provisioning,
            Message = null,
        };
        VirtualMachineLog.Created(_logger, key.ToString(), dependencies.ProviderName, response.Id);
        if (task is not null)
        {
            draft.Set(VirtualMachineConventions.ConditionProvisioning, ConditionStatus.True, VirtualMachineConventions.ReasonCreating, $"creating VM {response.Id} on provider {dependencies.ProviderName} (task {task})");
            _events.Event(vm, EventTypes.Normal, VirtualMachineConventions.ReasonCreating, $"creating VM {response.Id} on provider {dependencies.ProviderName}");
            await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
            return WaitForTask(key, connection, task);
        }

        _budget.Succeeded(key.ToString(), nameof(VmOperation.Create));
        draft.Set(VirtualMachineConventions.ConditionProvisioning, ConditionStatus.False, VirtualMachineConventions.ReasonReconcileSuccess, "VM created");
        _events.Event(vm, EventTypes.Normal, "Created", $"VM {response.Id} created on provider {dependencies.ProviderName}");
        await WriteStatusAsync(draft, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// The fields of the spec that are accepted (the schema has them) but that neither this controller nor the
    /// provider contract carries out, named by path. Reported by the <c>Supported</c> condition instead of being
    /// dropped silently (upstream's behaviour for all of them).
    /// </summary>
    internal static IReadOnlyList<string> UnsupportedFields(VirtualMachine vm)
    {
        var fields = new List<string>();
        if (vm.Spec.Lifecycle?.PreStop is not null)
        {
            fields.Add("spec.lifecycle.preStop");
        }

        if (vm.Spec.Lifecycle?.PostStart is not null)
        {
            fields.Add("spec.lifecycle.postStart");
        }

        if (vm.Spec.Resources?.Gpu is not null)
        {
            fields.Add("spec.resources.gpu");
        }

        if (vm.Spec.PlacementRef is not null)
        {
            fields.Add("spec.placementRef");
        }

        if (!string.IsNullOrEmpty(vm.Spec.Placement?.ResourcePool))
        {
            fields.Add("spec.placement.resourcePool");
        }

        foreach (var disk in vm.Spec.Disks ?? [])
        {
            if (disk.Scsi is not null)
            {
                fields.Add($"spec.disks[{disk.Name}].scsi");
            }

            if (!string.IsNullOrEmpty(disk.StorageClass))
            {
                fields.Add($"spec.disks[{disk.Name}].storageClass");
            }
        }

        return fields;
    }

    /// <summary>Sets or clears the <c>Supported</c> condition from <see cref="UnsupportedFields"/>; an event when the set changes.</summary>
    private void ReportUnsupportedFields(Draft draft)
    {
        var fields = UnsupportedFields(draft.Vm);
        var previous = Conditions.Find(draft.Status.Conditions, VirtualMachineConventions.ConditionSupported);
        if (fields.Count == 0)
        {
            if (previous is not null)
            {
                draft.Status = draft.Status with { Conditions = Conditions.Remove(draft.Status.Conditions, VirtualMachineConventions.ConditionSupported) };
            }

            return;
        }

        var message = $"{string.Join(", ", fields)} {(fields.Count == 1 ? "is" : "are")} accepted but not carried out by the VirtualMachine controller or the provider contract; the VM runs without {(fields.Count == 1 ? "it" : "them")}";
        if (previous?.Message != message)
        {
            _events.Event(draft.Vm, EventTypes.Warning, VirtualMachineConventions.ReasonNotImplemented, message);
        }

        draft.Set(VirtualMachineConventions.ConditionSupported, ConditionStatus.False, VirtualMachineConventions.ReasonNotImplemented, message);
    }

    /// <summary>
    /// Whether a Create may have reached the provider although <c>status.id</c> is empty (the answer was lost, or the
    /// create failed after the provider acted): deletion must then look the VM up by name before letting go.
    /// </summary>
    private static bool CreateMayHaveHappened(VirtualMachineStatus status) =>
        Conditions.Find(status.Conditions, VirtualMachineConventions.ConditionProvisioning) is { Reason: VirtualMachineConventions.ReasonCreating or VirtualMachineConventions.ReasonTaskFailed or VirtualMachineConventions.ReasonProviderError };
}
