namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>The outcome of ExportDisk: the file is written; <c>TaskId</c> reports the simulated transfer. Immutable.</summary>
public sealed record DiskExported(string ExportId, string? TaskId, long SizeBytes, string Checksum, string Path);
