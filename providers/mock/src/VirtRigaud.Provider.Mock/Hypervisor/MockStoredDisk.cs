namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A template, prepared image or imported disk in the provider's storage. Immutable once registered.</summary>
internal sealed class MockStoredDisk
{
    /// <summary>The caller's name (VMImage name, import target name, template name); unique per kind.</summary>
    public required string Name { get; init; }

    public required StoredDiskKind Kind { get; init; }

    /// <summary>The real file (empty for templates).</summary>
    public string Path { get; init; } = "";

    public required string Format { get; init; }

    public required long VirtualSizeBytes { get; init; }

    public long FileSizeBytes { get; init; }

    /// <summary>SHA-256 of the file, lowercase hex (empty for templates).</summary>
    public string Checksum { get; init; } = "";

    public required string ContentId { get; init; }

    public long Generation { get; init; }

    public string Source { get; init; } = "";

    public string? TaskId { get; init; }
}
