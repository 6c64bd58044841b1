using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>metav1.ListMeta: the revision a list was read at and, when paging, where to continue.</summary>
public sealed record ListMeta
{
    [JsonPropertyName("selfLink")]
    public string? SelfLink { get; init; }

    /// <summary>The storage revision the list reflects; informers start their watch from it. Always set by servers.</summary>
    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; init; }

    /// <summary>Opaque token for the next page; empty when the list is complete.</summary>
    [JsonPropertyName("continue")]
    public string? Continue { get; init; }

    /// <summary>How many items remain after this page, when the server knows.</summary>
    [JsonPropertyName("remainingItemCount")]
    public long? RemainingItemCount { get; init; }
}
