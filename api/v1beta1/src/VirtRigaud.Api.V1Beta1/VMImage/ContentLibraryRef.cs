using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>An item of a vSphere content library.</summary>
public sealed record ContentLibraryRef
{
    [JsonPropertyName("library")]
    [MaxLength(255)]
    public required string Library { get; init; }

    [JsonPropertyName("item")]
    [MaxLength(255)]
    public required string Item { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }
}
