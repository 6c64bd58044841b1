using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 PersistentVolumeClaimStatus.</summary>
public sealed record PersistentVolumeClaimStatus
{
    /// <summary>Pending, Bound or Lost.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; init; }

    [JsonPropertyName("accessModes")]
    public IReadOnlyList<string>? AccessModes { get; init; }

    [JsonPropertyName("capacity")]
    public IReadOnlyDictionary<string, Quantity>? Capacity { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<PersistentVolumeClaimCondition>? Conditions { get; init; }

    [JsonPropertyName("allocatedResources")]
    public IReadOnlyDictionary<string, Quantity>? AllocatedResources { get; init; }

    [JsonPropertyName("currentVolumeAttributesClassName")]
    public string? CurrentVolumeAttributesClassName { get; init; }
}
