namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>Guest network settings of one NIC of a clone. Immutable.</summary>
public sealed record NicCustomization
{
    public required string Name { get; init; }

    public string IpAddress { get; init; } = "";

    public string MacAddress { get; init; } = "";
}
