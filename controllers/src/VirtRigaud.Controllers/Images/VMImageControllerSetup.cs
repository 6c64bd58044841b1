using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Cache;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Classes;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Images;

/// <summary>Wires the VMImage aggregate-status controller into a <see cref="ControllerManager"/>.</summary>
public static class VMImageControllerSetup
{
    /// <summary>The controller's name (metrics <c>kind</c> label, work-queue name, <c>--workers</c> key).</summary>
    public const string ControllerName = "VMImage";

    /// <summary>
    /// Adds the controller (it calls no provider). Events: any change of a VMImage — including status, because the VM
    /// controller writes prepare results there (our own writes come back once and change nothing); a VirtualMachine
    /// that references it created, deleted or re-pointed; a Provider changing type or capabilities wakes the images its
    /// VMs use.
    /// </summary>
    public static Controller<VMImage> Register(ControllerManager manager)
    {
        VirtualMachineIndexes.Ensure(manager);
        var vms = manager.Informers.ListerFor(ResourceDefinitions.VirtualMachines);
        return manager.NewController(ResourceDefinitions.VMImages)
            .Named(ControllerName)
            .Watches(ResourceDefinitions.VirtualMachines, vm => vm.Spec.ImageRef is { } image
                ? [new ObjectKey(string.IsNullOrEmpty(image.Namespace) ? vm.Metadata.Namespace ?? "" : image.Namespace, image.Name)]
                : [],
                (old, updated) => old.Spec.ImageRef != updated.Spec.ImageRef || old.Spec.ProviderRef != updated.Spec.ProviderRef)
            .Watches(ResourceDefinitions.Providers, provider => ImagesFor(vms, provider), VMClassControllerSetup.ProviderCapabilitiesChanged)
            .Complete(new VMImageReconciler(manager));
    }

    private static IEnumerable<ObjectKey> ImagesFor(Lister<VirtualMachine> vms, Api.V1Beta1.Provider provider) =>
        VirtualMachineIndexes.Using(vms, VirtualMachineIndexes.ByProvider, provider.Metadata.Namespace, provider.Metadata.Name)
            .Where(vm => vm.Spec.ImageRef is not null)
            .Select(vm => new ObjectKey(string.IsNullOrEmpty(vm.Spec.ImageRef!.Namespace) ? vm.Metadata.Namespace ?? "" : vm.Spec.ImageRef.Namespace, vm.Spec.ImageRef.Name))
            .Distinct()
            .ToList();
}
