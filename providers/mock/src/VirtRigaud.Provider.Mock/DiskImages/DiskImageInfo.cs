namespace VirtRigaud.Provider.Mock.DiskImages;

/// <summary>What <see cref="DiskImageFile.InspectAsync"/> found in an image file. Immutable.</summary>
public sealed record DiskImageInfo
{
    public required DiskImageFormat Format { get; init; }

    /// <summary>The guest-visible size: the qcow2 header's size, or the raw file's length.</summary>
    public required long VirtualSizeBytes { get; init; }

    /// <summary>The file's length on disk (its apparent size).</summary>
    public required long FileSizeBytes { get; init; }

    /// <summary>The mock content block in the first guest sector, or <c>null</c> for a foreign image.</summary>
    public DiskContent? Content { get; init; }

    /// <summary>The backing file of a qcow2 overlay, or <c>null</c>.</summary>
    public string? BackingFile { get; init; }
}
