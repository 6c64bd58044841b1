namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>Validate's answer. Immutable.</summary>
public sealed record ValidationReport(bool Ok, string Message);
