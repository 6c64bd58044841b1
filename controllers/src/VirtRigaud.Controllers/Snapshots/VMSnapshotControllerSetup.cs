using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Snapshots;

/// <summary>Wires the VMSnapshot controller into a <see cref="ControllerManager"/>.</summary>
public static class VMSnapshotControllerSetup
{
    /// <summary>The controller's name (metrics <c>kind</c> label, work-queue name, <c>--workers</c> key).</summary>
    public const string ControllerName = "VMSnapshot";

    /// <summary>The VMSnapshot informer index by <c>namespace/vmRef.name</c>.</summary>
    public const string ByVmIndex = "virtrigaud.io/vmsnapshots-by-vm";

    /// <summary>
    /// Adds the controller. Events: a VMSnapshot's spec (generation), deletion, labels or annotations changing (its
    /// own status writes are ignored); its VirtualMachine provisioned, busy or idle, or deleted (<see cref="VmChanged"/>);
    /// another snapshot of the same VM changing phase, pin or policy (maxCount, <see cref="SiblingChanged"/>). Ready snapshots are otherwise not polled: a retention deadline requeues them
    /// at the deadline.
    /// </summary>
    public static Controller<VMSnapshot> Register(ControllerManager manager, ProviderConnectionPool pool, VMSnapshotReconcilerOptions? options = null)
    {
        var informer = manager.Informers.InformerFor(ResourceDefinitions.VMSnapshots);
        if (!informer.Indexer.IndexNames.Contains(ByVmIndex))
        {
            informer.AddIndexers(new Dictionary<string, IndexFunc<VMSnapshot>> { [ByVmIndex] = s => [VmKey(s.Metadata.Namespace, s.Spec.VMRef.Name)] });
        }

        var snapshots = manager.Informers.ListerFor(ResourceDefinitions.VMSnapshots);
        return manager.NewController(ResourceDefinitions.VMSnapshots)
            .Named(ControllerName)
            .WithUpdateFilter(ShouldReconcile)
            .Watches(ResourceDefinitions.VirtualMachines, vm => SnapshotsOf(snapshots, vm.Metadata.Namespace, vm.Metadata.Name), VmChanged)
            .Watches(ResourceDefinitions.VMSnapshots, s => s.Status?.SnapshotID is { Length: > 0 } || s.Metadata.DeletionTimestamp is not null
                ? SnapshotsOf(snapshots, s.Metadata.Namespace, s.Spec.VMRef.Name).Where(k => k.Name != s.Metadata.Name)
                : [], SiblingChanged)
            .Complete(new VMSnapshotReconciler(manager, pool, options));
    }

    /// <summary>Whether an update of a VMSnapshot needs a reconcile: spec, deletion, labels or annotations changed (not status).</summary>
    public static bool ShouldReconcile(VMSnapshot old, VMSnapshot updated) =>
        old.Metadata.Generation != updated.Metadata.Generation
        || updated.Metadata.DeletionTimestamp is not null
        || !SameMap(old.Metadata.Labels, updated.Metadata.Labels)
        || !SameMap(old.Metadata.Annotations, updated.Metadata.Annotations);

    /// <summary>Whether a VM update matters to its snapshots: provisioned (id), busy or idle (task refs), deleted.</summary>
    public static bool VmChanged(VirtualMachine old, VirtualMachine updated) =>
        old.Status?.Id != updated.Status?.Id
        || old.Status?.LastTaskRef != updated.Status?.LastTaskRef
        || old.Status?.ReconfigureTaskRef != updated.Status?.ReconfigureTaskRef
        || (old.Metadata.DeletionTimestamp is null && updated.Metadata.DeletionTimestamp is not null);

    /// <summary>Whether a snapshot update matters to its siblings' retention: its phase, id, spec (pin, policy) or deletion changed.</summary>
    public static bool SiblingChanged(VMSnapshot old, VMSnapshot updated) =>
        old.Status?.Phase != updated.Status?.Phase
        || old.Status?.SnapshotID != updated.Status?.SnapshotID
        || old.Metadata.Generation != updated.Metadata.Generation
        || (old.Metadata.DeletionTimestamp is null && updated.Metadata.DeletionTimestamp is not null);

    /// <summary>The index value of VM <paramref name="name"/> in namespace <paramref name="ns"/>.</summary>
    public static string VmKey(string? ns, string? name) => $"{ns}/{name}";

    private static IEnumerable<ObjectKey> SnapshotsOf(Lister<VMSnapshot> snapshots, string? ns, string? vm) =>
        snapshots.ByIndex(ByVmIndex, VmKey(ns, vm)).Select(ObjectKey.Of).ToList();

    private static bool SameMap(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(kv => b!.TryGetValue(kv.Key, out var v) && v == kv.Value));
}
