namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>The outcome of Create or Clone: the VM id and, when the work continues, its task (<c>null</c> ⇒ done). Immutable.</summary>
public sealed record VmCreated(string VmId, string? TaskId);
