namespace VirtRigaud.Provider.Mock.DiskImages;

/// <summary>What <see cref="Qcow2Image.ReadAsync"/> learned from a qcow2 file. Immutable.</summary>
public sealed record Qcow2Header
{
    /// <summary>qcow2 version (2 or 3).</summary>
    public required int Version { get; init; }

    /// <summary>The guest-visible disk size.</summary>
    public required long VirtualSizeBytes { get; init; }

    public required int ClusterSize { get; init; }

    /// <summary>The backing file name of an overlay, or <c>null</c>.</summary>
    public string? BackingFile { get; init; }

    /// <summary>Guest bytes 0..511 when the first cluster is allocated uncompressed; <c>null</c> when it reads as zeros or is compressed.</summary>
    public byte[]? FirstSector { get; init; }
}
