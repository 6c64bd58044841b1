namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A disk as ListVMs reports it. Immutable.</summary>
public sealed record VmDiskStatus(string Id, string Path, int SizeGiB, string Format);
