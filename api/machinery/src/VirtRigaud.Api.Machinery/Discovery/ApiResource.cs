using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>
/// One resource in an <see cref="ApiResourceList"/>. Subresources appear as their own entries (<c>vmsets/scale</c>)
/// with <see cref="Group"/>, <see cref="Version"/> and <see cref="Kind"/> of what they return.
/// </summary>
public sealed record ApiResource
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("singularName")]
    public string SingularName { get; init; } = "";

    [JsonPropertyName("namespaced")]
    public bool Namespaced { get; init; }

    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("verbs")]
    public IReadOnlyList<string> Verbs { get; init; } = [];

    [JsonPropertyName("shortNames")]
    public IReadOnlyList<string>? ShortNames { get; init; }

    [JsonPropertyName("categories")]
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>A hash of the resource's schema; clients use it to invalidate caches.</summary>
    [JsonPropertyName("storageVersionHash")]
    public string? StorageVersionHash { get; init; }
}
