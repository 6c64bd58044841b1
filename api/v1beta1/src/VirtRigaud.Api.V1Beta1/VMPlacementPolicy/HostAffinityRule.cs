using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Places the policy's VMs on the listed hosts.</summary>
public sealed record HostAffinityRule
{
    [JsonPropertyName("enabled")]
    public required bool Enabled { get; init; }

    [JsonPropertyName("preferredHosts")]
    [MaxItems(50)]
    public IReadOnlyList<string>? PreferredHosts { get; init; }

    [JsonPropertyName("scope")]
    public AffinityScope? Scope { get; init; }
}
