namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A VM network interface. Mutable; guarded by the hypervisor's lock.</summary>
internal sealed class MockNic
{
    public required string Name { get; init; }

    public required string NetworkName { get; init; }

    public required string Model { get; init; }

    public required string MacAddress { get; set; }

    /// <summary>The address the guest reports (static, or deterministic from the VM and network names).</summary>
    public required string IpAddress { get; set; }
}
