using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.ApiRegistrationV1;

/// <summary>apiregistration.k8s.io/v1 APIServiceCondition (Available).</summary>
public sealed record APIServiceCondition
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("lastTransitionTime")]
    public DateTimeOffset? LastTransitionTime { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
