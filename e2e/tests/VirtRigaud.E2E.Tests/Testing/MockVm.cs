namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>A VM as the mock hypervisor stores it: its id, name and settled power state (<c>On</c>, <c>Off</c>).</summary>
public sealed record MockVm(string Id, string Name, string Power);
