using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 ObjectFieldSelector: a field of the pod, for the downward API.</summary>
[MapType("atomic")]
public sealed record ObjectFieldSelector
{
    /// <summary>The schema version <see cref="FieldPath"/> is written in; Kubernetes defaults it to <c>v1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("fieldPath")]
    public required string FieldPath { get; init; }
}
