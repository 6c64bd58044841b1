using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// autoscaling/v1 Scale: the <c>/scale</c> subresource. <see cref="ScaleStatus.Selector"/> is a label selector string
/// the HorizontalPodAutoscaler uses to find the replicas.
/// </summary>
public sealed record Scale : IKubernetesObject
{
    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = "Scale";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = "autoscaling/v1";

    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init; } = new();

    [JsonPropertyName("spec")]
    public ScaleSpec Spec { get; init; } = new();

    [JsonPropertyName("status")]
    public ScaleStatus? Status { get; init; }
}
