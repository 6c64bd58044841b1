using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Places the policy's VMs on the listed datastores.</summary>
public sealed record DatastoreAffinityRule
{
    [JsonPropertyName("enabled")]
    public required bool Enabled { get; init; }

    [JsonPropertyName("preferredDatastores")]
    [MaxItems(50)]
    public IReadOnlyList<string>? PreferredDatastores { get; init; }

    [JsonPropertyName("scope")]
    public AffinityScope? Scope { get; init; }
}
