using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 TypedLocalObjectReference: an object of any kind in the referrer's namespace.</summary>
[MapType("atomic")]
public sealed record TypedLocalObjectReference
{
    /// <summary>The API group of the kind; absent for the core group.</summary>
    [JsonPropertyName("apiGroup")]
    public string? ApiGroup { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }
}
