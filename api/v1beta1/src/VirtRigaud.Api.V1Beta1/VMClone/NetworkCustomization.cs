using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Guest network settings of one NIC of the clone.</summary>
public sealed record NetworkCustomization
{
    /// <summary>Which network (NIC) these settings apply to.</summary>
    [JsonPropertyName("name")]
    [MaxLength(255)]
    public required string Name { get; init; }

    [JsonPropertyName("ipAddress")]
    [Pattern(Patterns.IPv4)]
    public string? IpAddress { get; init; }

    /// <summary>Dotted-quad netmask, e.g. <c>255.255.255.0</c>.</summary>
    [JsonPropertyName("subnetMask")]
    [Pattern(Patterns.IPv4)]
    public string? SubnetMask { get; init; }

    [JsonPropertyName("gateway")]
    [Pattern(Patterns.IPv4)]
    public string? Gateway { get; init; }

    /// <summary>DNS servers.</summary>
    [JsonPropertyName("dns")]
    [MaxItems(5)]
    public IReadOnlyList<string>? Dns { get; init; }

    [JsonPropertyName("macAddress")]
    [Pattern(Patterns.MacAddress)]
    public string? MacAddress { get; init; }

    [JsonPropertyName("dhcp")]
    public bool? Dhcp { get; init; }
}
