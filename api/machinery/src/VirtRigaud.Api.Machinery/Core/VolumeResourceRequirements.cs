using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 VolumeResourceRequirements: the storage a persistent volume claim asks for.</summary>
public sealed record VolumeResourceRequirements
{
    [JsonPropertyName("limits")]
    public IReadOnlyDictionary<string, Quantity>? Limits { get; init; }

    [JsonPropertyName("requests")]
    public IReadOnlyDictionary<string, Quantity>? Requests { get; init; }
}
