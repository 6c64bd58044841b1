namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>GetDiskInfo's answer. Immutable.</summary>
public sealed record DiskDescription
{
    public required string DiskId { get; init; }

    public required string Format { get; init; }

    public required long VirtualSizeBytes { get; init; }

    public required long ActualSizeBytes { get; init; }

    public required string Path { get; init; }

    public required bool IsBootable { get; init; }

    /// <summary>Ids of the snapshots that hold a state of this disk, oldest first.</summary>
    public required IReadOnlyList<string> Snapshots { get; init; }

    public string BackingFile { get; init; } = "";

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
}
