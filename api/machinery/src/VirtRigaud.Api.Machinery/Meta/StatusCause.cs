using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>metav1.StatusCause: one reason an operation failed, usually one field error.</summary>
public sealed record StatusCause
{
    /// <summary>A machine-readable cause, e.g. <c>FieldValueRequired</c>.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The field path, e.g. <c>spec.classRef.name</c>.</summary>
    [JsonPropertyName("field")]
    public string? Field { get; init; }
}
