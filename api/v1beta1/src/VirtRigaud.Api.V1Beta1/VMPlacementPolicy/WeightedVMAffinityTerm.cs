using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A preferred <see cref="VMAffinityTerm"/> and how much satisfying it is worth (1–100).</summary>
public sealed record WeightedVMAffinityTerm
{
    [JsonPropertyName("weight")]
    [Minimum(1)]
    [Maximum(100)]
    public required int Weight { get; init; }

    [JsonPropertyName("vmAffinityTerm")]
    public required VMAffinityTerm VmAffinityTerm { get; init; }
}
