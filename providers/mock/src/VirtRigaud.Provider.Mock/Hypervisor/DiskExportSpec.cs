namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>An ExportDisk request. Immutable.</summary>
public sealed record DiskExportSpec
{
    public required string VmId { get; init; }

    /// <summary>Empty ⇒ the primary disk.</summary>
    public string DiskId { get; init; } = "";

    /// <summary>Empty ⇒ the current state.</summary>
    public string SnapshotId { get; init; } = "";

    public required string DestinationUrl { get; init; }

    /// <summary>Empty ⇒ qcow2.</summary>
    public string Format { get; init; } = "";

    public bool Compress { get; init; }

    public string BackendType { get; init; } = "";

    public string TransferMode { get; init; } = "";
}
