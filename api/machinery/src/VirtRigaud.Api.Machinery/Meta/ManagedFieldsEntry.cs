using System.Text.Json;
using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// metav1.ManagedFieldsEntry: one field manager's set of owned fields, recorded by the server on every write.
/// <see cref="FieldsV1"/> is the structured-merge-diff field set, kept as raw JSON.
/// </summary>
public sealed record ManagedFieldsEntry
{
    [JsonPropertyName("manager")]
    public string? Manager { get; init; }

    /// <summary><c>Apply</c> or <c>Update</c>.</summary>
    [JsonPropertyName("operation")]
    public string? Operation { get; init; }

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("time")]
    public DateTimeOffset? Time { get; init; }

    /// <summary>Always <c>FieldsV1</c> today.</summary>
    [JsonPropertyName("fieldsType")]
    public string? FieldsType { get; init; }

    [JsonPropertyName("fieldsV1")]
    public JsonElement? FieldsV1 { get; init; }

    /// <summary>The subresource the write went through (<c>status</c>, <c>scale</c>), empty for the main resource.</summary>
    [JsonPropertyName("subresource")]
    public string? Subresource { get; init; }
}
