using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>One firewall rule.</summary>
public sealed record NetworkFirewallRule
{
    /// <summary>The rule's name, unique within the firewall.</summary>
    [JsonPropertyName("name")]
    [MaxLength(255)]
    public required string Name { get; init; }

    [JsonPropertyName("action")]
    [Enum("ACCEPT", "DROP", "REJECT")]
    public required string Action { get; init; }

    [JsonPropertyName("direction")]
    [Enum("in", "out", "inout")]
    public required string Direction { get; init; }

    [JsonPropertyName("protocol")]
    [Enum("tcp", "udp", "icmp", "all")]
    public string? Protocol { get; init; }

    [JsonPropertyName("sourceCIDR")]
    public string? SourceCIDR { get; init; }

    [JsonPropertyName("destinationCIDR")]
    public string? DestinationCIDR { get; init; }

    [JsonPropertyName("ports")]
    public FirewallPortRange? Ports { get; init; }

    /// <summary>Lower numbers are evaluated first.</summary>
    [JsonPropertyName("priority")]
    [Minimum(1)]
    [Maximum(1000)]
    public int? Priority { get; init; }
}
