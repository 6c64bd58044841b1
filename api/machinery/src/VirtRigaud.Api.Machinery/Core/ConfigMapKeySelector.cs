using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 ConfigMapKeySelector: one key of a ConfigMap in the pod's namespace.</summary>
[MapType("atomic")]
public sealed record ConfigMapKeySelector
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("name")]
    [Default("")]
    public string? Name { get; init; }

    /// <summary>Whether the ConfigMap or its key may be missing (the variable is then not set).</summary>
    [JsonPropertyName("optional")]
    public bool? Optional { get; init; }
}
