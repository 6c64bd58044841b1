using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// A vSphere image: an existing VM template, a content library item, or an OVA/OVF to deploy. Without a template or
/// library item the image is imported from <see cref="OvaURL"/>.
/// </summary>
public sealed record VSphereImageSource
{
    [JsonPropertyName("templateName")]
    [MaxLength(255)]
    public string? TemplateName { get; init; }

    [JsonPropertyName("contentLibrary")]
    public ContentLibraryRef? ContentLibrary { get; init; }

    [JsonPropertyName("ovaURL")]
    [Pattern(@"^https?://.*\.(ova|ovf)$")]
    public string? OvaURL { get; init; }

    [JsonPropertyName("checksum")]
    public string? Checksum { get; init; }

    [JsonPropertyName("checksumType")]
    [Default("sha256")]
    public ChecksumType? ChecksumType { get; init; }

    /// <summary>Restricts the image to one Provider in the image's namespace.</summary>
    [JsonPropertyName("providerRef")]
    public LocalObjectReference? ProviderRef { get; init; }
}
