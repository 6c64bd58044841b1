using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A vSphere distributed switch.</summary>
public sealed record DistributedSwitchConfig
{
    [JsonPropertyName("name")]
    [MaxLength(255)]
    public required string Name { get; init; }

    [JsonPropertyName("uuid")]
    public string? Uuid { get; init; }

    [JsonPropertyName("portgroupType")]
    [Enum("ephemeral", "distributed")]
    public string? PortgroupType { get; init; }
}
