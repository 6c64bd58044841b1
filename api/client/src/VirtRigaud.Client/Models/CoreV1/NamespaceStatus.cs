using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 NamespaceStatus.</summary>
public sealed record NamespaceStatus
{
    /// <summary>Active or Terminating.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<NamespaceCondition>? Conditions { get; init; }
}
