using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>
/// core/v1 TypedObjectReference: an object of any kind, optionally in another namespace (which then needs a
/// ReferenceGrant there).
/// </summary>
public sealed record TypedObjectReference
{
    /// <summary>The API group of the kind; absent for the core group.</summary>
    [JsonPropertyName("apiGroup")]
    public string? ApiGroup { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }
}
