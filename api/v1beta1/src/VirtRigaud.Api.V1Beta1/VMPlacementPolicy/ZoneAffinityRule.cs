using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Places the policy's VMs in the listed zones.</summary>
public sealed record ZoneAffinityRule
{
    [JsonPropertyName("enabled")]
    public required bool Enabled { get; init; }

    [JsonPropertyName("preferredZones")]
    [MaxItems(10)]
    public IReadOnlyList<string>? PreferredZones { get; init; }

    [JsonPropertyName("scope")]
    public AffinityScope? Scope { get; init; }
}
