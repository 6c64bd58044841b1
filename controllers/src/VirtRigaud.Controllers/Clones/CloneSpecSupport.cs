using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.Clones;

/// <summary>
/// Which VMClone spec fields the controller can honour. provider.v1's CloneRequest carries the source VM id, the
/// target name, linked or not, the target class, a placement policy name and the customization, so:
/// <code>
/// field                                  honoured                                   refused (reason)
/// source.vmRef                           yes                                        —
/// source.snapshotRef/templateRef/imageRef —                                         always (UnsupportedSource)
/// target.name/namespace/labels/annotations the target VirtualMachine                —
/// target.providerRef                     when it names the source VM's Provider     another Provider (Unsupported)
/// target.classRef                        class_json + the target VM's classRef       —
/// target.placementRef                    placement_json + the target VM             —
/// target.networks                        the source's NICs; static settings go to   another NIC set (Unsupported, checked
///                                        customize_json networks                    against the source VM)
/// target.disks                           the target VM's spec.disks (the VM         —
///                                        controller grows disks)
/// options.type                           FullClone, LinkedClone (capability-gated)  InstantClone (Unsupported)
/// options.powerOn                        target spec.powerState On/Off               —
/// options.timeout / retryPolicy          enforced by the controller                  —
/// options.includeSnapshots/parallel      false (default)                            true (Unsupported)
/// options.storage.*                      API defaults                               anything else (Unsupported)
/// options.performance.*                  API defaults                               anything else (Unsupported)
/// customization.*                        customize_json, Secrets resolved           —
/// metadata.*                             descriptive only                           —
/// </code>
/// Pure and thread-safe.
/// </summary>
public static class CloneSpecSupport
{
    /// <summary>The first refusal of <paramref name="spec"/> (all refused fields in one message), or null.</summary>
    public static CloneRefusal? Check(VMCloneSpec spec)
    {
        var source = spec.Source;
        var kind = source.SnapshotRef is not null ? "snapshotRef" : source.TemplateRef is not null ? "templateRef" : source.ImageRef is not null ? "imageRef" : null;
        if (kind is not null || source.VmRef is null)
        {
            return new CloneRefusal(VMCloneConventions.ReasonUnsupportedSource,
                $"spec.source.{kind ?? "vmRef"}: only a VirtualMachine source (spec.source.vmRef) can be cloned (provider.v1 Clone takes a source VM)");
        }

        var refused = new List<string>();
        var options = spec.Options;
        if (options?.Type == CloneType.InstantClone)
        {
            refused.Add("spec.options.type: InstantClone is not supported (provider.v1 Clone makes full and linked clones only)");
        }

        const string Wire = "provider.v1 CloneRequest cannot carry it";
        if (options?.IncludeSnapshots == true)
        {
            refused.Add($"spec.options.includeSnapshots: true is not supported ({Wire}; clones never copy snapshots)");
        }

        if (options?.Parallel == true)
        {
            refused.Add($"spec.options.parallel: true is not supported ({Wire})");
        }

        if (options?.Storage is { } storage)
        {
            if (storage.PreferThinProvisioning == false)
            {
                refused.Add($"spec.options.storage.preferThinProvisioning: false is not supported ({Wire})");
            }

            Add(refused, storage.DiskFormat is not null, "spec.options.storage.diskFormat", Wire);
            Add(refused, !string.IsNullOrEmpty(storage.StorageClass), "spec.options.storage.storageClass", Wire);
            Add(refused, !string.IsNullOrEmpty(storage.Datastore), "spec.options.storage.datastore", Wire);
            Add(refused, !string.IsNullOrEmpty(storage.Folder), "spec.options.storage.folder", Wire);
            if (storage.EnableCompression == true)
            {
                refused.Add($"spec.options.storage.enableCompression: true is not supported ({Wire})");
            }
        }

        if (options?.Performance is { } performance)
        {
            if (performance.Priority is { } priority && priority != "Normal")
            {
                refused.Add($"spec.options.performance.priority: {priority} is not supported ({Wire}; only Normal)");
            }

            if (performance.IoThrottling == true)
            {
                refused.Add($"spec.options.performance.ioThrottling: true is not supported ({Wire})");
            }

            Add(refused, performance.MaxIops is not null, "spec.options.performance.maxIOPS", Wire);
            if (performance.ConcurrentDisks is { } disks && disks != 2)
            {
                refused.Add($"spec.options.performance.concurrentDisks: {disks} is not supported ({Wire}; only the default 2)");
            }
        }

        return refused.Count == 0 ? null : new CloneRefusal(VMCloneConventions.ReasonUnsupported, string.Join("; ", refused));
    }

    /// <summary>
    /// Checks <c>spec.target.networks</c> against the source VM's NICs: a clone keeps the source's NICs, so every target
    /// entry must name a source NIC and attach to the same network; null when they agree.
    /// </summary>
    public static CloneRefusal? CheckNetworks(IReadOnlyList<VMNetworkRef>? target, IReadOnlyList<VMNetworkRef>? source)
    {
        if (target is null)
        {
            return null;
        }

        var bySource = (source ?? []).ToDictionary(n => n.Name, StringComparer.Ordinal);
        for (var i = 0; i < target.Count; i++)
        {
            var nic = target[i];
            if (!bySource.TryGetValue(nic.Name, out var original))
            {
                return new CloneRefusal(VMCloneConventions.ReasonUnsupported,
                    $"spec.target.networks[{i}]: NIC \"{nic.Name}\" is not a NIC of the source VM ({(bySource.Count == 0 ? "it has none" : "it has " + string.Join(", ", bySource.Keys))}); a clone keeps the source's NICs");
            }

            if (nic.NetworkRef is { } wanted && wanted.Name != original.NetworkRef?.Name)
            {
                return new CloneRefusal(VMCloneConventions.ReasonUnsupported,
                    $"spec.target.networks[{i}].networkRef: NIC \"{nic.Name}\" of the source VM is attached to {original.NetworkRef?.Name ?? "its template network"}, not {wanted.Name}; a clone cannot re-attach NICs");
            }
        }

        return null;
    }

    /// <summary>The delay before retry <paramref name="retry"/> (1 = first): retryDelay × backoffMultiplier^(retry−1); upstream defaults 5m and 2.</summary>
    public static TimeSpan RetryDelay(CloneRetryPolicy? policy, int retry)
    {
        var delay = policy?.RetryDelay?.Value ?? TimeSpan.FromMinutes(5);
        var multiplier = Math.Max(policy?.BackoffMultiplier ?? 2, 1);
        var ticks = delay.Ticks * Math.Pow(multiplier, Math.Clamp(retry - 1, 0, 30));
        return ticks >= TimeSpan.MaxValue.Ticks / 2 ? TimeSpan.MaxValue / 2 : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>How many retries the policy allows (upstream default 3).</summary>
    public static int MaxRetries(CloneRetryPolicy? policy) => Math.Max(policy?.MaxRetries ?? 3, 0);

    private static void Add(List<string> refused, bool set, string field, string why)
    {
        if (set)
        {
            refused.Add($"{field} is not supported ({why})");
        }
    }
}
