using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>metav1.Preconditions: a delete (or update) happens only if the object still has this uid/resourceVersion.</summary>
public sealed record Preconditions
{
    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; init; }
}
