namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A VM disk. Not materialized as a file: <see cref="Path"/> is where a hypervisor would keep it. Mutable; guarded by the hypervisor's lock.</summary>
internal sealed class MockDisk
{
    /// <summary>Unique within its VM; the primary disk is <c>disk-0</c>.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The requested disk type (qcow2, raw, thin, …).</summary>
    public required string Type { get; init; }

    /// <summary><c>qcow2</c> or <c>raw</c>.</summary>
    public required string Format { get; init; }

    public required string Path { get; init; }

    public long SizeBytes { get; set; }

    public required string ContentId { get; set; }

    public long Generation { get; set; }

    /// <summary>The base image or, for a linked clone, the source VM's disk.</summary>
    public string? BackingFile { get; set; }

    public bool Bootable { get; init; }
}
