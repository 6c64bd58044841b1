using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>What to clone, into what, and how.</summary>
public sealed record VMCloneSpec
{
    [JsonPropertyName("source")]
    public required CloneSource Source { get; init; }

    [JsonPropertyName("target")]
    public required VMCloneTarget Target { get; init; }

    [JsonPropertyName("options")]
    public CloneOptions? Options { get; init; }

    [JsonPropertyName("customization")]
    public VMCustomization? Customization { get; init; }

    /// <summary>Bookkeeping about the clone operation itself (not the target VM's metadata).</summary>
    [JsonPropertyName("metadata")]
    public CloneMetadata? Metadata { get; init; }
}
