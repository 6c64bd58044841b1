namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A disk's state captured by a snapshot. Immutable once taken.</summary>
internal sealed class MockSnapshotDisk
{
    public required string DiskId { get; init; }

    public required long SizeBytes { get; init; }

    public required string ContentId { get; init; }

    public required long Generation { get; init; }
}
