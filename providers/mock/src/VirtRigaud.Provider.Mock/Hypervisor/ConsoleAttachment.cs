namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A serial console attachment: the VM it belongs to and a token cancelled when the guest stops or the VM is deleted. Immutable.</summary>
public sealed record ConsoleAttachment(string VmId, string VmName, CancellationToken GuestStopped);
