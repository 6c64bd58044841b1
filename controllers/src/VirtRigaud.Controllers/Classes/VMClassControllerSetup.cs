using System.Text.Json;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Classes;

/// <summary>Wires the VMClass status controller into a <see cref="ControllerManager"/>.</summary>
public static class VMClassControllerSetup
{
    /// <summary>The controller's name (metrics <c>kind</c> label, work-queue name, <c>--workers</c> key).</summary>
    public const string ControllerName = "VMClass";

    /// <summary>
    /// Adds the controller (it calls no provider, so it needs no connection pool). Events: a VMClass's spec, labels or
    /// annotations changing (its own status writes are ignored); a VirtualMachine referencing it created, deleted or
    /// re-pointed (not its status writes); a Provider created, deleted or changing type or capabilities wakes the
    /// classes of its namespace and of the VMs that use it.
    /// </summary>
    public static Controller<VMClass> Register(ControllerManager manager, StatusAggregationOptions? options = null)
    {
        VirtualMachineIndexes.Ensure(manager);
        var vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        var classes = manager.Informers.ListerFor(ResourceDefinitions.VMClasses);
        return manager.NewController(ResourceDefinitions.VMClasses)
            .Named(ControllerName)
            .WithUpdateFilter(SpecOrMetadataChanged)
            .Watches(ResourceDefinitions.VirtualMachines, vm => [new ObjectKey(
                string.IsNullOrEmpty(vm.Spec.ClassRef.Namespace) ? vm.Metadata.Namespace ?? "" : vm.Spec.ClassRef.Namespace, vm.Spec.ClassRef.Name)],
                (old, updated) => old.Spec.ClassRef != updated.Spec.ClassRef || old.Spec.ProviderRef != updated.Spec.ProviderRef)
            .Watches(ResourceDefinitions.Providers, provider => ClassesFor(classes, vms, provider), ProviderCapabilitiesChanged)
            .Complete(new VMClassReconciler(manager, options));
    }

    /// <summary>Whether an update of a primary object needs a reconcile: spec (generation), labels or annotations changed (not status).</summary>
    public static bool SpecOrMetadataChanged<T>(T old, T updated)
        where T : Api.Machinery.IKubernetesObject =>
        old.Metadata.Generation != updated.Metadata.Generation
        || !SameMap(old.Metadata.Labels, updated.Metadata.Labels)
        || !SameMap(old.Metadata.Annotations, updated.Metadata.Annotations);

    /// <summary>
    /// Whether a Provider update can change an aggregate status: its type or its reported capabilities changed (its
    /// frequent health and runtime updates do not wake the aggregate controllers).
    /// </summary>
    public static bool ProviderCapabilitiesChanged(Api.V1Beta1.Provider old, Api.V1Beta1.Provider updated) =>
        old.Spec.Type != updated.Spec.Type
        || JsonSerializer.Serialize(old.Status?.ReportedCapabilities, V1Beta1JsonContext.Default.ProviderReportedCapabilities)
            != JsonSerializer.Serialize(updated.Status?.ReportedCapabilities, V1Beta1JsonContext.Default.ProviderReportedCapabilities);

    private static IEnumerable<ObjectKey> ClassesFor(Lister<VMClass> classes, Lister<VirtualMachine> vms, Api.V1Beta1.Provider provider) =>
        classes.Namespace(provider.Metadata.Namespace ?? "").List().Select(ObjectKey.Of)
            .Concat(VirtualMachineIndexes.Using(vms, VirtualMachineIndexes.ByProvider, provider.Metadata.Namespace, provider.Metadata.Name)
                .Select(vm => new ObjectKey(string.IsNullOrEmpty(vm.Spec.ClassRef.Namespace) ? vm.Metadata.Namespace ?? "" : vm.Spec.ClassRef.Namespace, vm.Spec.ClassRef.Name)))
            .Distinct()
            .ToList();

    private static bool SameMap(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(kv => b!.TryGetValue(kv.Key, out var v) && v == kv.Value));
}
