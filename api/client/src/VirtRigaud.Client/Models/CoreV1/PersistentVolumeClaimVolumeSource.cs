using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 PersistentVolumeClaimVolumeSource.</summary>
public sealed record PersistentVolumeClaimVolumeSource
{
    [JsonPropertyName("claimName")]
    public required string ClaimName { get; init; }

    [JsonPropertyName("readOnly")]
    public bool? ReadOnly { get; init; }
}
