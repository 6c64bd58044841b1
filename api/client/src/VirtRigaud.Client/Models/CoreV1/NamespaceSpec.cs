using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 NamespaceSpec.</summary>
public sealed record NamespaceSpec
{
    /// <summary>Finalizers that must empty before the namespace is removed (e.g. kubernetes).</summary>
    [JsonPropertyName("finalizers")]
    public IReadOnlyList<string>? Finalizers { get; init; }
}
