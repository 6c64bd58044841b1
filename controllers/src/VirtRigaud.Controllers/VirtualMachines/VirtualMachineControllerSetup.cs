using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>Wires the VirtualMachine controller into a <see cref="ControllerManager"/>.</summary>
public static class VirtualMachineControllerSetup
{
    /// <summary>The controller's name (metrics <c>kind</c> label, work-queue name, <c>--workers</c> key).</summary>
    public const string ControllerName = "VirtualMachine";

    /// <summary>Upstream's MaxConcurrentReconciles for VirtualMachines.</summary>
    public const int DefaultWorkers = 10;

    /// <summary>
    /// Adds the VirtualMachine controller (and the runnable that follows provider tasks with WatchTask) to
    /// <paramref name="manager"/>. Call while composing, before <see cref="ControllerManager.RunAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> are out of range.</exception>
    public static Controller<VirtualMachine> Register(ControllerManager manager, ProviderConnectionPool pool, VirtualMachineReconcilerOptions? options = null) =>
        manager.AddVirtualMachineController(pool, options);

    /// <summary>
    /// Adds the controller. What wakes a VM:
    /// <code>
    /// source                                   which VMs
    /// VirtualMachine add / delete              that VM
    /// VirtualMachine update                    spec (generation), deletion, labels, annotations (reboot requests,
    ///                                          force-delete) or status.id (seeded by adoption/clone) changed;
    ///                                          not our own status writes
    /// resync (the manager's ResyncPeriod)      every VM: drift detection without polling each one
    /// Provider, VMClass, VMImage,              VMs referencing it that are not Ready or are being deleted (the
    /// VMNetworkAttachment, VMSnapshot change   ones waiting on it); Ready VMs see such changes on the resync, which
    ///                                          keeps one VMClass status write from fanning out to every VM
    /// a WatchTask stream ends                  the VM waiting for that task
    /// </code>
    /// </summary>
    public static Controller<VirtualMachine> AddVirtualMachineController(this ControllerManager manager, ProviderConnectionPool pool, VirtualMachineReconcilerOptions? options = null, int? workers = null)
    {
        var vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        var reconciler = new VirtualMachineReconciler(manager, pool, options);
        var controller = manager.NewController(ResourceDefinitions.VirtualMachines)
            .Named(ControllerName)
            .WithWorkers(workers ?? DefaultWorkers)
            .WithUpdateFilter(ShouldReconcile)
            .Watches(ResourceDefinitions.Providers, p => Waiting(vms, vm => Matches(vm.Spec.ProviderRef, vm, p)))
            .Watches(ResourceDefinitions.VMClasses, c => Waiting(vms, vm => Matches(vm.Spec.ClassRef, vm, c)))
            .Watches(ResourceDefinitions.VMImages, i => Waiting(vms, vm => vm.Spec.ImageRef is { } r && Matches(r, vm, i)))
            .Watches(ResourceDefinitions.VMNetworkAttachments, a => Waiting(vms, vm =>
                vm.Metadata.Namespace == a.Metadata.Namespace && vm.Spec.Networks?.Any(n => n.NetworkRef?.Name == a.Metadata.Name) == true))
            .Watches(ResourceDefinitions.VMSnapshots, s => Waiting(vms, vm =>
                vm.Metadata.Namespace == s.Metadata.Namespace && vm.Spec.Snapshot?.RevertToRef?.Name == s.Metadata.Name))
            .Complete(reconciler);
        reconciler.Watcher.Attach(controller);
        manager.AddRunnable(ControllerName + "TaskWatcher", reconciler.Watcher.RunAsync, needsLeader: true);
        return controller;
    }

    /// <summary>
    /// Whether an update of a VM needs a reconcile: a resync (the same object twice), spec (generation), deletion,
    /// labels, annotations or <c>status.id</c> changed. Other status changes are the controller's own writes.
    /// </summary>
    public static bool ShouldReconcile(VirtualMachine old, VirtualMachine updated) =>
        ReferenceEquals(old, updated)
        || old.Metadata.Generation != updated.Metadata.Generation
        || updated.Metadata.DeletionTimestamp is not null
        || !SameMap(old.Metadata.Labels, updated.Metadata.Labels)
        || !SameMap(old.Metadata.Annotations, updated.Metadata.Annotations)
        || old.Status?.Id != updated.Status?.Id;

    private static bool Matches(ObjectRef reference, VirtualMachine vm, IKubernetesObject target) =>
        reference.Name == target.Metadata.Name
        && (string.IsNullOrEmpty(reference.Namespace) ? vm.Metadata.Namespace : reference.Namespace) == target.Metadata.Namespace;

    private static List<ObjectKey> Waiting(Lister<VirtualMachine> vms, Func<VirtualMachine, bool> references) =>
        [.. vms.List()
            .Where(vm => references(vm)
                && (vm.Metadata.DeletionTimestamp is not null || !Conditions.IsTrue(vm.Status?.Conditions, VirtualMachineConventions.ConditionReady)))
            .Select(ObjectKey.Of)];

    private static bool SameMap(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(kv => b!.TryGetValue(kv.Key, out var v) && v == kv.Value));
}
