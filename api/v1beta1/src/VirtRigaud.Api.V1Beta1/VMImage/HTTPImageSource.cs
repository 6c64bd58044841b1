using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>An image downloaded over HTTP(S).</summary>
public sealed record HTTPImageSource
{
    [JsonPropertyName("url")]
    [Pattern("^https?://.*")]
    public required string Url { get; init; }

    /// <summary>Extra request headers.</summary>
    [JsonPropertyName("headers")]
    [MaxProperties(20)]
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("checksum")]
    public string? Checksum { get; init; }

    [JsonPropertyName("checksumType")]
    [Default("sha256")]
    public ChecksumType? ChecksumType { get; init; }

    [JsonPropertyName("authentication")]
    public ImageHTTPAuthentication? Authentication { get; init; }

    [JsonPropertyName("timeout")]
    [Default("30m")]
    public Duration? Timeout { get; init; }
}
