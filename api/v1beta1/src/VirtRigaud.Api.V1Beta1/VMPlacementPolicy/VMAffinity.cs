using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Which VMs the policy's VMs must or should run near (in the same topology domain).</summary>
public sealed record VMAffinity
{
    /// <summary>Terms that must all hold.</summary>
    [JsonPropertyName("requiredDuringScheduling")]
    [MaxItems(20)]
    public IReadOnlyList<VMAffinityTerm>? RequiredDuringScheduling { get; init; }

    /// <summary>Terms whose weights add up to a score; the best-scoring placement wins.</summary>
    [JsonPropertyName("preferredDuringScheduling")]
    [MaxItems(20)]
    public IReadOnlyList<WeightedVMAffinityTerm>? PreferredDuringScheduling { get; init; }
}
