using System.Text.Json;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Client.Rest;
using VirtRigaud.Controllers.Classes;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Controllers.VirtualMachines;

namespace VirtRigaud.Controllers.Images;

/// <summary>
/// The aggregate VMImage status (upstream's reconciler is a no-op; see <see cref="VMImageConventions"/> for what is
/// ours). Per Provider a VirtualMachine uses the image on:
/// <code>
/// state                                                         usable?
/// providerStatus[provider].available                            yes (prepared)
/// the source is used in place (template, local path)           yes
/// needs import, Provider reports supportsImageImport            yes (prepared by the first VM created there)
/// needs import, Provider reports no image import                no: Validated=False/Unsupported names it
/// capabilities not reported yet                                 not judged (named in the message)
/// </code>
/// Phase <c>Pending</c> (with a message) only while no phase was ever set. Writes only on change, from the current
/// object with retry on conflict (the VM controller writes the prepare results into the same status); no provider
/// RPCs. Thread-safety: one key is never reconciled by two workers.
/// </summary>
public sealed class VMImageReconciler : IReconciler
{
    /// <summary>How many times a status write that conflicts with the VM controller's is retried with a fresh read.</summary>
    public const int MaxConflictRetries = 5;

    /// <summary>The message of an image nothing has prepared or used yet.</summary>
    public const string PendingMessage = "not prepared on any provider yet; images are prepared (or used in place) when a VirtualMachine first uses them";

    private readonly VirtRigaudClient _client;
    private readonly Lister<VMImage> _images;
    private readonly Lister<VirtualMachine> _vms;
    private readonly Lister<Api.V1Beta1.Provider> _providers;
    private readonly TimeProvider _time;

    /// <summary>Creates the reconciler over the manager's informers (the VM indexes must be registered). Does no work.</summary>
    public VMImageReconciler(ControllerManager manager)
    {
        _client = manager.Client;
        _images = manager.Informers.ListerFor(ResourceDefinitions.VMImages);
        _vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        _providers = manager.Informers.ListerFor(ResourceDefinitions.Providers);
        _time = manager.TimeProvider;
    }

    /// <inheritdoc/>
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var image = _images.Get(key.Namespace, key.Name);
        if (image is null)
        {
            return ReconcileResult.Done;
        }

        // The VM controller writes this status too (prepare results): start from the current object and retry on
        // conflict, touching only our fields.
        var usability = Usability(image);
        var client = _client.VMImages(key.Namespace);
        for (var attempt = 1; ; attempt++)
        {
            var old = image.Status ?? new VMImageStatus();
            var status = Ours(image, old, usability);
            if (JsonSerializer.Serialize(old, V1Beta1JsonContext.Default.VMImageStatus) == JsonSerializer.Serialize(status, V1Beta1JsonContext.Default.VMImageStatus))
            {
                return ReconcileResult.Done;
            }

            try
            {
                await client.UpdateStatusAsync(image with { Status = status }, cancellationToken: cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < MaxConflictRetries)
            {
                image = await client.GetAsync(key.Name, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// <paramref name="status"/> with our fields set: observedGeneration, the Validated condition, and phase Pending
    /// (with its message) only while nothing has set a phase. providerStatus, availableOn, ready, prepareTaskRef and the
    /// Ready/Importing conditions are the VM controller's and are left as they are.
    /// </summary>
    private VMImageStatus Ours(VMImage image, VMImageStatus status, (ConditionStatus Status, string Reason, string Message) usability)
    {
        status = status with { ObservedGeneration = image.Metadata.Generation };
        if (status.Phase is null)
        {
            status = status with { Phase = VMImagePhase.Pending, Message = status.Message ?? PendingMessage };
        }

        return status with
        {
            Conditions = Conditions.Set(status.Conditions, VMImageConventions.ConditionValidated, usability.Status, usability.Reason, usability.Message, image.Metadata.Generation, _time.GetUtcNow()),
        };
    }

    private (ConditionStatus Status, string Reason, string Message) Usability(VMImage image)
    {
        var source = SourceKind(image.Spec.Source);
        if (source is null)
        {
            return (ConditionStatus.False, VMImageConventions.ReasonInvalid, "spec.source names no image: set one of vsphere, libvirt, http, registry, dataVolume or proxmox");
        }

        var users = VirtualMachineIndexes.Using(_vms, VirtualMachineIndexes.ByImage, image.Metadata.Namespace, image.Metadata.Name);
        var providers = users.Select(VirtualMachineIndexes.ProviderOf).Distinct().OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Namespace, StringComparer.Ordinal).ToList();
        if (providers.Count == 0)
        {
            return (ConditionStatus.True, VMImageConventions.ReasonValid, $"{source} source; no VirtualMachine uses the image yet");
        }

        var usable = new List<string>();
        var unusable = new List<string>();
        var unknown = new List<string>();
        var needsPrepare = ImagePrepareRules.SourceNeedsPrepare(image.Spec.Source);
        foreach (var (ns, name) in providers)
        {
            var label = ns == image.Metadata.Namespace ? name : $"{ns}/{name}";
            var provider = _providers.Get(ns, name);
            if (ImagePrepareRules.IsPreparedOn(image, name))
            {
                usable.Add($"{label} (prepared)");
            }
            else if (!needsPrepare)
            {
                usable.Add($"{label} (used in place)");
            }
            else if (provider?.Status?.ReportedCapabilities?.SupportsImageImport is not { } imports)
            {
                unknown.Add(label);
            }
            else if (imports)
            {
                usable.Add($"{label} (prepared on first use)");
            }
            else
            {
                unusable.Add($"Provider {label} cannot use it: the {source} source must be imported and the Provider does not support image import (supportsImageImport=false)");
            }
        }

        var tail = (usable.Count > 0 ? $"; usable on {string.Join(", ", usable)}" : "") + (unknown.Count > 0 ? $"; not judged (capabilities not reported): {string.Join(", ", unknown)}" : "");
        return unusable.Count > 0
            ? (ConditionStatus.False, VMImageConventions.ReasonUnsupported, string.Join("; ", unusable) + tail)
            : (ConditionStatus.True, VMImageConventions.ReasonValid, $"{source} source{tail}");
    }

    private static string? SourceKind(ImageSource source) =>
        source.VSphere is not null ? "vsphere"
        : source.Libvirt is not null ? "libvirt"
        : source.Http is not null ? "http"
        : source.Registry is not null ? "registry"
        : source.DataVolume is not null ? "dataVolume"
        : source.Proxmox is not null ? "proxmox"
        : null;
}
