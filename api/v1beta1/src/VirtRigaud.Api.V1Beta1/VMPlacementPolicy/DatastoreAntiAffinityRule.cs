using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Spreads the policy's VMs across datastores, at most <see cref="MaxVMsPerDatastore"/> on one.</summary>
public sealed record DatastoreAntiAffinityRule
{
    [JsonPropertyName("enabled")]
    public required bool Enabled { get; init; }

    [JsonPropertyName("maxVMsPerDatastore")]
    [Minimum(1)]
    [Maximum(10000)]
    public int? MaxVMsPerDatastore { get; init; }

    [JsonPropertyName("scope")]
    public AffinityScope? Scope { get; init; }
}
