using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// metav1.WatchEvent: one line of a watch stream. For <c>ERROR</c> events <see cref="Object"/> is a <see cref="Status"/>;
/// for <c>BOOKMARK</c> it carries only <c>metadata.resourceVersion</c> (and annotations).
/// </summary>
/// <typeparam name="T">The object type: a kind, <see cref="PartialObjectMetadata"/>, <see cref="Table"/> or raw JSON.</typeparam>
public sealed record WatchEvent<T>
{
    /// <summary>One of <see cref="WatchEventType"/>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("object")]
    public required T Object { get; init; }
}
