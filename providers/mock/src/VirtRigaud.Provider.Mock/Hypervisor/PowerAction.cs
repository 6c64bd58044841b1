namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>The power operations of the contract (PowerOp without UNSPECIFIED).</summary>
public enum PowerAction
{
    On,
    Off,
    Reboot,

    /// <summary>Graceful shutdown through the guest's tools, bounded by a timeout after which the VM is powered off hard.</summary>
    Shutdown,
}
