using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Classes;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.NetworkAttachments;

/// <summary>Wires the VMNetworkAttachment status controller into a <see cref="ControllerManager"/>.</summary>
public static class VMNetworkAttachmentControllerSetup
{
    /// <summary>The controller's name (metrics <c>kind</c> label, work-queue name, <c>--workers</c> key).</summary>
    public const string ControllerName = "VMNetworkAttachment";

    /// <summary>
    /// Adds the controller (it calls no provider). Events: an attachment's spec, labels or annotations changing (its own
    /// status writes are ignored); a VirtualMachine with a NIC on it created, deleted or re-pointed (connectedVMs); a
    /// Provider created, deleted or changing type or capabilities wakes the attachments of its namespace and those its
    /// VMs use.
    /// </summary>
    public static Controller<VMNetworkAttachment> Register(ControllerManager manager, StatusAggregationOptions? options = null)
    {
        VirtualMachineIndexes.Ensure(manager);
        var vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        var attachments = manager.Informers.ListerFor(ResourceDefinitions.VMNetworkAttachments);
        return manager.NewController(ResourceDefinitions.VMNetworkAttachments)
            .Named(ControllerName)
            .WithUpdateFilter(VMClassControllerSetup.SpecOrMetadataChanged)
            .Watches(ResourceDefinitions.VirtualMachines, AttachmentsOf, (old, updated) => old.Spec.ProviderRef != updated.Spec.ProviderRef || !AttachmentsOf(old).SequenceEqual(AttachmentsOf(updated)))
            .Watches(ResourceDefinitions.Providers, provider => AttachmentsFor(attachments, vms, provider), VMClassControllerSetup.ProviderCapabilitiesChanged)
            .Complete(new VMNetworkAttachmentReconciler(manager, options));
    }

    private static IEnumerable<ObjectKey> AttachmentsOf(VirtualMachine vm) =>
        (vm.Spec.Networks ?? []).Where(n => n.NetworkRef is not null).Select(n => new ObjectKey(vm.Metadata.Namespace ?? "", n.NetworkRef!.Name)).Distinct();

    private static IEnumerable<ObjectKey> AttachmentsFor(Lister<VMNetworkAttachment> attachments, Lister<VirtualMachine> vms, Api.V1Beta1.Provider provider) =>
        attachments.Namespace(provider.Metadata.Namespace ?? "").List().Select(ObjectKey.Of)
            .Concat(VirtualMachineIndexes.Using(vms, VirtualMachineIndexes.ByProvider, provider.Metadata.Namespace, provider.Metadata.Name).SelectMany(AttachmentsOf))
            .Distinct()
            .ToList();
}
