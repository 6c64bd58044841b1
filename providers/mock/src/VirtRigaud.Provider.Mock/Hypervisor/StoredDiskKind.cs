namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>What a disk in the provider's storage (not attached to a VM) is.</summary>
public enum StoredDiskKind
{
    /// <summary>A template registered at start (<see cref="MockHypervisorOptions.Templates"/>); no file.</summary>
    Template,

    /// <summary>An image prepared by ImagePrepare; a real file under the data directory.</summary>
    Image,

    /// <summary>A disk imported by ImportDisk; a real file under the data directory.</summary>
    Imported,
}
