using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// <c>apiVersion</c> and <c>kind</c> on their own: what a decoder reads first to decide which type a document is.
/// </summary>
public sealed record TypeMeta
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    /// <summary>The API group of <see cref="ApiVersion"/> (empty for the core group).</summary>
    [JsonIgnore]
    public string Group => GroupVersion.Parse(ApiVersion ?? "").Group;

    /// <summary>The version part of <see cref="ApiVersion"/>.</summary>
    [JsonIgnore]
    public string Version => GroupVersion.Parse(ApiVersion ?? "").Version;
}
