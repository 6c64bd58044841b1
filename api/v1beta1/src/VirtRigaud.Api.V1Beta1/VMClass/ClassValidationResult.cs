using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Whether a <see cref="VMClass"/> can be realised on one provider.</summary>
public sealed record ClassValidationResult
{
    [JsonPropertyName("valid")]
    public required bool Valid { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("warnings")]
    public IReadOnlyList<string>? Warnings { get; init; }

    [JsonPropertyName("lastValidated")]
    public DateTimeOffset? LastValidated { get; init; }
}
