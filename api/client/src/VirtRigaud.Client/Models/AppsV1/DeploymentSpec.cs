using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Models.CoreV1;

namespace VirtRigaud.Client.Models.AppsV1;

/// <summary>apps/v1 DeploymentSpec.</summary>
public sealed record DeploymentSpec
{
    [JsonPropertyName("replicas")]
    public int? Replicas { get; init; }

    [JsonPropertyName("selector")]
    public required LabelSelector Selector { get; init; }

    [JsonPropertyName("template")]
    public required PodTemplateSpec Template { get; init; }

    [JsonPropertyName("strategy")]
    public DeploymentStrategy? Strategy { get; init; }

    [JsonPropertyName("minReadySeconds")]
    public int? MinReadySeconds { get; init; }

    [JsonPropertyName("revisionHistoryLimit")]
    public int? RevisionHistoryLimit { get; init; }

    [JsonPropertyName("paused")]
    public bool? Paused { get; init; }

    [JsonPropertyName("progressDeadlineSeconds")]
    public int? ProgressDeadlineSeconds { get; init; }
}
