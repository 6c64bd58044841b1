using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// A cloud-init document (user-data, or meta-data under <see cref="MetaData"/>), given inline, in a Secret of the VM's
/// namespace, or both: the controller then merges them (user-data as a MIME multipart with the inline part first,
/// meta-data joined line-wise), so unlike <see cref="IgnitionConfig"/> both may be set.
/// </summary>
public sealed record CloudInitConfig
{
    [JsonPropertyName("inline")]
    public string? Inline { get; init; }

    /// <summary>
    /// A Secret holding the document under <c>userdata</c>, <c>user-data</c>, <c>cloud-init</c> or
    /// <c>cloud-config</c> (meta-data: <c>metadata</c>, <c>meta-data</c> or <c>meta_data</c>).
    /// </summary>
    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }
}
