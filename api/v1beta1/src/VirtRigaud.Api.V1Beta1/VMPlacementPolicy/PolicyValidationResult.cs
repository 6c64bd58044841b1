using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Whether a <see cref="VMPlacementPolicy"/> can be honoured by one provider, and which of its features.</summary>
public sealed record PolicyValidationResult
{
    [JsonPropertyName("valid")]
    public required bool Valid { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("warnings")]
    [MaxItems(20)]
    public IReadOnlyList<string>? Warnings { get; init; }

    [JsonPropertyName("errors")]
    [MaxItems(20)]
    public IReadOnlyList<string>? Errors { get; init; }

    [JsonPropertyName("supportedFeatures")]
    [MaxItems(50)]
    public IReadOnlyList<string>? SupportedFeatures { get; init; }

    [JsonPropertyName("unsupportedFeatures")]
    [MaxItems(50)]
    public IReadOnlyList<string>? UnsupportedFeatures { get; init; }

    [JsonPropertyName("lastValidated")]
    public DateTimeOffset? LastValidated { get; init; }
}
