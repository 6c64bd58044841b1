using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Clones;

/// <summary>Wires the VMClone controller into a <see cref="ControllerManager"/>.</summary>
public static class VMCloneControllerSetup
{
    /// <summary>The controller's name (metrics <c>kind</c> label, work-queue name, <c>--workers</c> key).</summary>
    public const string ControllerName = "VMClone";

    /// <summary>The VMClone informer index by <c>source:&lt;ns&gt;/&lt;vm&gt;</c> and <c>target:&lt;ns&gt;/&lt;vm&gt;</c>.</summary>
    public const string ByVmIndex = "virtrigaud.io/vmclones-by-vm";

    /// <summary>
    /// Adds the controller. Events: a VMClone's spec (generation), deletion, labels or annotations changing (its own
    /// status writes are ignored); its source or target VirtualMachine created, deleted, provisioned, busy or powered
    /// (<see cref="VmChanged"/>).
    /// </summary>
    public static Controller<VMClone> Register(ControllerManager manager, ProviderConnectionPool pool, VMCloneReconcilerOptions? options = null)
    {
        var informer = manager.Informers.InformerFor(ResourceDefinitions.VMClones);
        if (!informer.Indexer.IndexNames.Contains(ByVmIndex))
        {
            informer.AddIndexers(new Dictionary<string, IndexFunc<VMClone>>
            {
                [ByVmIndex] = c => c.Spec.Source.VmRef is { } source
                    ? [SourceKey(c.Metadata.Namespace, source.Name), TargetKey(string.IsNullOrEmpty(c.Spec.Target.Namespace) ? c.Metadata.Namespace : c.Spec.Target.Namespace, c.Spec.Target.Name)]
                    : [TargetKey(string.IsNullOrEmpty(c.Spec.Target.Namespace) ? c.Metadata.Namespace : c.Spec.Target.Namespace, c.Spec.Target.Name)],
            });
        }

        var clones = manager.Informers.ListerFor(ResourceDefinitions.VMClones);
        return manager.NewController(ResourceDefinitions.VMClones)
            .Named(ControllerName)
            .WithUpdateFilter(ShouldReconcile)
            .Watches(ResourceDefinitions.VirtualMachines, vm => ClonesOf(clones, vm), VmChanged)
            .Complete(new VMCloneReconciler(manager, pool, options));
    }

    /// <summary>Whether an update of a VMClone needs a reconcile: spec, deletion, labels or annotations changed (not status).</summary>
    public static bool ShouldReconcile(VMClone old, VMClone updated) =>
        old.Metadata.Generation != updated.Metadata.Generation
        || updated.Metadata.DeletionTimestamp is not null
        || !SameMap(old.Metadata.Labels, updated.Metadata.Labels)
        || !SameMap(old.Metadata.Annotations, updated.Metadata.Annotations);

    /// <summary>Whether a VM update matters to clones of it or into it: provisioned (id), busy or idle, powered, deleted.</summary>
    public static bool VmChanged(VirtualMachine old, VirtualMachine updated) =>
        old.Status?.Id != updated.Status?.Id
        || old.Status?.PowerState != updated.Status?.PowerState
        || old.Status?.LastTaskRef != updated.Status?.LastTaskRef
        || (old.Metadata.DeletionTimestamp is null && updated.Metadata.DeletionTimestamp is not null);

    private static string SourceKey(string? ns, string name) => $"source:{ns}/{name}";

    private static string TargetKey(string? ns, string name) => $"target:{ns}/{name}";

    private static IEnumerable<ObjectKey> ClonesOf(Lister<VMClone> clones, VirtualMachine vm) =>
        clones.ByIndex(ByVmIndex, SourceKey(vm.Metadata.Namespace, vm.Metadata.Name ?? ""))
            .Concat(clones.ByIndex(ByVmIndex, TargetKey(vm.Metadata.Namespace, vm.Metadata.Name ?? "")))
            .Where(c => c.Status?.Phase is not (ClonePhase.Ready or ClonePhase.Failed))
            .Select(ObjectKey.Of)
            .Distinct()
            .ToList();

    private static bool SameMap(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(kv => b!.TryGetValue(kv.Key, out var v) && v == kv.Value));
}
