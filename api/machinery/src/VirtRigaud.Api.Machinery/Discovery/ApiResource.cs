using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>
/// One resource in an <see cref="ApiResourceList"/>. Subresources appear as their own entries (<c>vmsets/scale</c>)
/// with <see cref="Group"/>, <see cref="Version"/> and <see cref="Kind"/> of what they return. As in Go,
/// <c>singularName</c> (empty for subresources), <c>namespaced</c> (also when false), <c>kind</c> and <c>verbs</c> (also
/// when empty) are always written; clients read them without checking for presence.
/// </summary>
public sealed record ApiResource
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("singularName")]
    public string SingularName { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("namespaced")]
    public bool Namespaced { get; init; }

    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("verbs")]
    public IReadOnlyList<string> Verbs { get; init => field = value ?? []; } = [];

    [JsonPropertyName("shortNames")]
    public IReadOnlyList<string>? ShortNames { get; init; }

    [JsonPropertyName("categories")]
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>A hash of the resource's schema; clients use it to invalidate caches.</summary>
    [JsonPropertyName("storageVersionHash")]
    public string? StorageVersionHash { get; init; }
}
