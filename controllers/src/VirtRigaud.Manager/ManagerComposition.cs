using VirtRigaud.Controllers.Adoption;
using VirtRigaud.Controllers.Classes;
using VirtRigaud.Controllers.Clones;
using VirtRigaud.Controllers.Images;
using VirtRigaud.Controllers.NetworkAttachments;
using VirtRigaud.Controllers.ProviderRuntime;
using VirtRigaud.Controllers.Providers;
using VirtRigaud.Controllers.Runtime;
using VirtRigaud.Controllers.Snapshots;
using VirtRigaud.Controllers.VirtualMachines;

namespace VirtRigaud.Manager;

/// <summary>
/// Registers every controller with one manager and one provider connection pool (upstream's cmd/manager): Provider
/// (5 workers), VirtualMachine (10), VMClass, VMImage, VMNetworkAttachment, VMSnapshot, VMClone, VMAdoption.
/// Worker counts per controller come from <see cref="ManagerOptions.Workers"/> when given.
/// </summary>
internal static class ManagerComposition
{
    /// <summary>Adds the controllers; returns the Local-provider supervisor, which the host disposes after the manager stopped.</summary>
    public static LocalProviderSupervisor Register(ControllerManager manager, ProviderConnectionPool pool, ProviderControllerOptions providerOptions)
    {
        var supervisor = ProviderControllerSetup.Register(manager, pool, providerOptions);
        VirtualMachineControllerSetup.Register(manager, pool);
        VMClassControllerSetup.Register(manager);
        VMImageControllerSetup.Register(manager);
        VMNetworkAttachmentControllerSetup.Register(manager);
        VMSnapshotControllerSetup.Register(manager, pool);
        VMCloneControllerSetup.Register(manager, pool);
        VMAdoptionControllerSetup.Register(manager, pool);
        return supervisor;
    }
}
