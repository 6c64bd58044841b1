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

    /// <summary>
    /// The API group of <see cref="ApiVersion"/> (empty for the core group, and for an unparsable apiVersion, as
    /// <c>schema.FromAPIVersionAndKind</c> gives an empty group and version then).
    /// </summary>
    [JsonIgnore]
    public string Group => Parsed.Group;

    /// <summary>The version part of <see cref="ApiVersion"/> (empty when it cannot be parsed).</summary>
    [JsonIgnore]
    public string Version => Parsed.Version;

    private GroupVersion Parsed => GroupVersion.TryParse(ApiVersion ?? "", out var gv) ? gv : new GroupVersion("", "");
}
