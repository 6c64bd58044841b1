namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>The RPC names that start hypervisor work, used as task operations and duration keys.</summary>
public static class MockOperations
{
    public const string Create = "Create";
    public const string Delete = "Delete";
    public const string Power = "Power";
    public const string Reconfigure = "Reconfigure";
    public const string HardwareUpgrade = "HardwareUpgrade";
    public const string SnapshotCreate = "SnapshotCreate";
    public const string SnapshotDelete = "SnapshotDelete";
    public const string SnapshotRevert = "SnapshotRevert";
    public const string Clone = "Clone";
    public const string ImagePrepare = "ImagePrepare";
    public const string ExportDisk = "ExportDisk";
    public const string ImportDisk = "ImportDisk";

    /// <summary>Every operation name (ordinal).</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Create, Delete, Power, Reconfigure, HardwareUpgrade, SnapshotCreate, SnapshotDelete, SnapshotRevert, Clone,
        ImagePrepare, ExportDisk, ImportDisk,
    };
}
