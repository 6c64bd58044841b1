using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Conformance;

/// <summary>The image the image-prepare case imports, as the upstream manager sends it.</summary>
public sealed record ConformanceImagePrepareInput
{
    /// <summary><c>image_json</c>: a VMImageSpec in the CRD's camelCase JSON, with a source the provider can fetch.</summary>
    [JsonPropertyName("image")]
    public required JsonObject Image { get; set; }

    /// <summary><c>storage_hint</c>; the upstream manager sends "".</summary>
    [JsonPropertyName("storageHint")]
    public string StorageHint { get; set; } = "";

    /// <summary>
    /// Optional: the same image with a checksum that does not match its bytes. When given, ImagePrepare of it must fail
    /// (FAILED_PRECONDITION, or a task that ends with an error).
    /// </summary>
    [JsonPropertyName("mismatchedImage")]
    public JsonObject? MismatchedImage { get; set; }

    /// <summary>
    /// The <c>image_json</c> (contracts.VMImage, PascalCase) of a VM created from the prepared image; <c>TemplateName</c>
    /// and <c>Path</c> are set from the ImagePrepare response (and <c>URL</c> cleared), as the upstream manager does for
    /// an image already prepared on the provider. Default: the create input's image.
    /// </summary>
    [JsonPropertyName("createImage")]
    public JsonObject? CreateImage { get; set; }
}
