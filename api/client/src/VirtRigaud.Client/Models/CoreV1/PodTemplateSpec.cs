using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 PodTemplateSpec: the pods a controller creates.</summary>
public sealed record PodTemplateSpec
{
    [JsonPropertyName("metadata")]
    public ObjectMeta? Metadata { get; init; }

    [JsonPropertyName("spec")]
    public PodSpec? Spec { get; init; }
}
