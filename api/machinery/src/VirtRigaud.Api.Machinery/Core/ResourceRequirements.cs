using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 ResourceRequirements: the compute resources a container asks for and may not exceed.</summary>
public sealed record ResourceRequirements
{
    /// <summary>Dynamic resource claims of the pod that this container uses (DynamicResourceAllocation).</summary>
    [JsonPropertyName("claims")]
    [ListType("map")]
    [ListMapKeys("name")]
    public IReadOnlyList<ResourceClaim>? Claims { get; init; }

    [JsonPropertyName("limits")]
    public IReadOnlyDictionary<string, Quantity>? Limits { get; init; }

    [JsonPropertyName("requests")]
    public IReadOnlyDictionary<string, Quantity>? Requests { get; init; }
}
