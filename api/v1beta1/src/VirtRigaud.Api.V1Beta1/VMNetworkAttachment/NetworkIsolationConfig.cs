using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Which other networks VMs on this network may reach.</summary>
public sealed record NetworkIsolationConfig
{
    [JsonPropertyName("mode")]
    [Enum("none", "strict", "custom")]
    public string? Mode { get; init; }

    [JsonPropertyName("allowedNetworks")]
    [MaxItems(50)]
    public IReadOnlyList<string>? AllowedNetworks { get; init; }

    [JsonPropertyName("deniedNetworks")]
    [MaxItems(50)]
    public IReadOnlyList<string>? DeniedNetworks { get; init; }
}
