using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A reference to an object by name in the referring object's namespace.</summary>
public sealed record LocalObjectReference
{
    [JsonPropertyName("name")]
    [MaxLength(253)]
    [Pattern(Patterns.Dns1123Label)]
    public required string Name { get; init; }
}
