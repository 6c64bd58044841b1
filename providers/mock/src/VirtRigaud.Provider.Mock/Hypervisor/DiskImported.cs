namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>The outcome of ImportDisk. Immutable.</summary>
public sealed record DiskImported(string DiskId, string Path, string? TaskId, long SizeBytes, string Checksum);
