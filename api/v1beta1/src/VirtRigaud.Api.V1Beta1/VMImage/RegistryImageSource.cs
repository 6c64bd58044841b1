using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A disk image stored in a container registry (<c>repository:tag</c>).</summary>
public sealed record RegistryImageSource
{
    [JsonPropertyName("image")]
    [Pattern("^[a-zA-Z0-9._/-]+:[a-zA-Z0-9._-]+$")]
    public required string Image { get; init; }

    /// <summary>A docker-registry Secret in the image's namespace.</summary>
    [JsonPropertyName("pullSecretRef")]
    public LocalObjectReference? PullSecretRef { get; init; }

    [JsonPropertyName("format")]
    [Default("qcow2")]
    public ImageFormat? Format { get; init; }
}
