using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// autoscaling/v1 Scale: the <c>/scale</c> subresource. <see cref="ScaleStatus.Selector"/> is a label selector string
/// the HorizontalPodAutoscaler uses to find the replicas.
/// </summary>
public sealed record Scale : IKubernetesObject
{
    /// <summary>Set for objects built in code; a body without it reads as null (the server infers it from the URL).</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = "Scale";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = "autoscaling/v1";

    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("spec")]
    public ScaleSpec Spec { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("status")]
    public ScaleStatus? Status { get; init; }
}
