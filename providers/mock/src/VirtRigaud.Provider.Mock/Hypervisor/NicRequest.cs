namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A network attachment (Payloads' NetworkAttachment). Immutable.</summary>
public sealed record NicRequest
{
    public required string Name { get; init; }

    /// <summary>The hypervisor network (port group, bridge); empty ⇒ <see cref="Name"/>.</summary>
    public string NetworkName { get; init; } = "";

    /// <summary>NIC model; empty ⇒ virtio.</summary>
    public string Model { get; init; } = "";

    /// <summary>Empty ⇒ generated from the VM name (52:54:00:…).</summary>
    public string MacAddress { get; init; } = "";

    /// <summary>Empty ⇒ a deterministic address in the network's 10.x.y.0/24.</summary>
    public string StaticIp { get; init; } = "";
}
