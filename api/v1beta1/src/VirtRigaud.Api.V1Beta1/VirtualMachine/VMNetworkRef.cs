using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// One network interface of a VM. Without <see cref="NetworkRef"/> the interface is the template's pre-configured
/// NIC. The static IP fields are handed to the guest (vSphere guestinfo, cloud-init network config).
/// </summary>
public sealed record VMNetworkRef
{
    /// <summary>The interface's name, unique within the VM.</summary>
    [JsonPropertyName("name")]
    [MaxLength(63)]
    [Pattern(Patterns.Dns1123Label)]
    public required string Name { get; init; }

    /// <summary>The VMNetworkAttachment to connect to (upstream always resolves it in the VM's namespace).</summary>
    [JsonPropertyName("networkRef")]
    public ObjectRef? NetworkRef { get; init; }

    /// <summary>A static IPv4 address; absent means DHCP.</summary>
    [JsonPropertyName("ipAddress")]
    [Pattern(Patterns.IPv4)]
    public string? IpAddress { get; init; }

    /// <summary>The prefix length of <see cref="IpAddress"/>.</summary>
    [JsonPropertyName("prefix")]
    [Minimum(1)]
    [Maximum(32)]
    public int? Prefix { get; init; }

    [JsonPropertyName("gateway")]
    [Pattern(Patterns.IPv4)]
    public string? Gateway { get; init; }

    /// <summary>DNS servers, comma-separated.</summary>
    [JsonPropertyName("dns")]
    public string? Dns { get; init; }

    [JsonPropertyName("macAddress")]
    [Pattern(Patterns.MacAddress)]
    public string? MacAddress { get; init; }
}
