using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The staged object of a <see cref="VMMigration"/>.</summary>
public sealed record MigrationStorageInfo
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("size")]
    public Quantity? Size { get; init; }

    [JsonPropertyName("uploadedAt")]
    public DateTimeOffset? UploadedAt { get; init; }

    /// <summary>The staged data and migration snapshot were removed.</summary>
    [JsonPropertyName("cleanedUp")]
    public bool? CleanedUp { get; init; }
}
