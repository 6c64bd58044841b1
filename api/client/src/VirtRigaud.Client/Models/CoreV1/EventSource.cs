using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 EventSource: who reported an event.</summary>
public sealed record EventSource
{
    [JsonPropertyName("component")]
    public string? Component { get; init; }

    [JsonPropertyName("host")]
    public string? Host { get; init; }
}
