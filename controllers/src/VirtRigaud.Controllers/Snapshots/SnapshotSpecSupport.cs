using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.Snapshots;

/// <summary>
/// Which VMSnapshot spec fields the controller can honour. provider.v1's SnapshotCreateRequest carries only the VM,
/// a name, a description and include_memory, so a field the wire cannot carry is accepted at its API default (which
/// describes what providers do by themselves) and refused otherwise, naming the field:
/// <code>
/// field                                   honoured                          refused
/// snapshotConfig.name / description       name_hint / description           —
/// snapshotConfig.includeMemory            include_memory (capability-gated) true on a provider without memory snapshots
/// snapshotConfig.quiesce                  true (default: provider's own)    false
/// snapshotConfig.type                     Standard (default)                Crash, Application
/// snapshotConfig.compression              false (default)                   true
/// snapshotConfig.encryption.enabled       false (default)                   true
/// snapshotConfig.consistencyLevel         FilesystemConsistent (default)    CrashConsistent, ApplicationConsistent
/// schedule.enabled                        false, or suspended               true (not implemented: use a CronJob)
/// retentionPolicy.*                       all (see SnapshotRetention)       —
/// metadata.*                              descriptive only                  —
/// </code>
/// Pure and thread-safe.
/// </summary>
public static class SnapshotSpecSupport
{
    /// <summary>Every refused field of <paramref name="spec"/> with the reason; empty when everything can be honoured.</summary>
    public static IReadOnlyList<string> Refusals(VMSnapshotSpec spec)
    {
        var refusals = new List<string>();
        var config = spec.SnapshotConfig;
        const string Wire = "provider.v1 SnapshotCreateRequest cannot carry it";
        if (config?.Quiesce == false)
        {
            refusals.Add($"spec.snapshotConfig.quiesce: false is not supported ({Wire}; the provider quiesces as it does by default)");
        }

        if (config?.Type is { } type && type != SnapshotType.Standard)
        {
            refusals.Add($"spec.snapshotConfig.type: {type} is not supported ({Wire}; only Standard)");
        }

        if (config?.Compression == true)
        {
            refusals.Add($"spec.snapshotConfig.compression: true is not supported ({Wire})");
        }

        if (config?.Encryption?.Enabled == true)
        {
            refusals.Add($"spec.snapshotConfig.encryption.enabled: true is not supported ({Wire})");
        }

        if (config?.ConsistencyLevel is { } level && level != "FilesystemConsistent")
        {
            refusals.Add($"spec.snapshotConfig.consistencyLevel: {level} is not supported ({Wire}; only FilesystemConsistent)");
        }

        if (spec.Schedule is { Enabled: true } schedule && schedule.Suspend != true)
        {
            refusals.Add("spec.schedule.enabled: true is not supported (scheduled snapshots are not implemented; create VMSnapshots from a CronJob instead)");
        }

        return refusals;
    }
}
