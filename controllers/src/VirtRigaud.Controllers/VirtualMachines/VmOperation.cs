namespace VirtRigaud.Controllers.VirtualMachines;

/// <summary>The provider operation a reconcile pass is in, for error reporting, retry budgets and metrics.</summary>
internal enum VmOperation
{
    /// <summary>Nothing sent yet.</summary>
    None,

    /// <summary>Describe (read).</summary>
    Describe,

    /// <summary>TaskStatus (read).</summary>
    TaskStatus,

    /// <summary>GetDiskInfo (read).</summary>
    DiskInfo,

    /// <summary>ListVMs (read, deletion of a VM whose create answer was lost).</summary>
    ListVMs,

    /// <summary>ImagePrepare.</summary>
    ImagePrepare,

    /// <summary>Create.</summary>
    Create,

    /// <summary>Power On or Off.</summary>
    Power,

    /// <summary>Power ShutdownGraceful.</summary>
    Shutdown,

    /// <summary>Power Reboot for a reboot request.</summary>
    Reboot,

    /// <summary>Reconfigure.</summary>
    Reconfigure,

    /// <summary>SnapshotRevert.</summary>
    Revert,

    /// <summary>Delete.</summary>
    Delete,
}
