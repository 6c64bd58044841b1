using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>The desired replica count of a <see cref="Scale"/>.</summary>
public sealed record ScaleSpec
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; init; }
}
