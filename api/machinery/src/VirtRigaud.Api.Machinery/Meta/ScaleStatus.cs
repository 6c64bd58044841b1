using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>The observed replica count of a <see cref="Scale"/> and the selector of its replicas.</summary>
public sealed record ScaleStatus
{
    [JsonPropertyName("replicas")]
    public int Replicas { get; init; }

    [JsonPropertyName("selector")]
    public string? Selector { get; init; }
}
