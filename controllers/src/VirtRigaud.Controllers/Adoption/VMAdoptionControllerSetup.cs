using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Client.Clients;
using VirtRigaud.Controllers.Classes;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;

namespace VirtRigaud.Controllers.Adoption;

/// <summary>Wires VM adoption (a controller of Providers named <c>VMAdoption</c>) into a <see cref="ControllerManager"/>.</summary>
public static class VMAdoptionControllerSetup
{
    /// <summary>The controller's name (metrics <c>kind</c> label, work-queue name, <c>--workers</c> key).</summary>
    public const string ControllerName = "VMAdoption";

    /// <summary>
    /// Adds the controller. Events (upstream's filter): a Provider created, its adoption annotations or generation
    /// changing, or its <c>ProviderAvailable</c> condition turning True. Discovery then repeats every
    /// <see cref="VMAdoptionReconcilerOptions.RediscoveryInterval"/>.
    /// </summary>
    public static Controller<Api.V1Beta1.Provider> Register(ControllerManager manager, ProviderConnectionPool pool, VMAdoptionReconcilerOptions? options = null)
    {
        VirtualMachineIndexes.Ensure(manager);
        return manager.NewController(ResourceDefinitions.Providers)
            .Named(ControllerName)
            .WithUpdateFilter(ShouldReconcile)
            .Complete(new VMAdoptionReconciler(manager, pool, options));
    }

    /// <summary>Whether a Provider update concerns adoption: its adoption annotations, generation or availability changed.</summary>
    public static bool ShouldReconcile(Api.V1Beta1.Provider old, Api.V1Beta1.Provider updated) =>
        old.Metadata.Generation != updated.Metadata.Generation
        || old.Metadata.Annotation(ProviderAnnotations.AdoptVMs) != updated.Metadata.Annotation(ProviderAnnotations.AdoptVMs)
        || old.Metadata.Annotation(ProviderAnnotations.AdoptFilter) != updated.Metadata.Annotation(ProviderAnnotations.AdoptFilter)
        || (!Conditions.IsTrue(old.Status?.Conditions, VMAdoptionConventions.ProviderAvailableCondition)
            && Conditions.IsTrue(updated.Status?.Conditions, VMAdoptionConventions.ProviderAvailableCondition));
}
