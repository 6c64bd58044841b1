using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 Container (the commonly used fields).</summary>
public sealed record Container
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("image")]
    public string? Image { get; init; }

    [JsonPropertyName("command")]
    public IReadOnlyList<string>? Command { get; init; }

    [JsonPropertyName("args")]
    public IReadOnlyList<string>? Args { get; init; }

    [JsonPropertyName("workingDir")]
    public string? WorkingDir { get; init; }

    [JsonPropertyName("ports")]
    public IReadOnlyList<ContainerPort>? Ports { get; init; }

    [JsonPropertyName("envFrom")]
    public IReadOnlyList<EnvFromSource>? EnvFrom { get; init; }

    [JsonPropertyName("env")]
    public IReadOnlyList<EnvVar>? Env { get; init; }

    [JsonPropertyName("resources")]
    public ResourceRequirements? Resources { get; init; }

    [JsonPropertyName("volumeMounts")]
    public IReadOnlyList<VolumeMount>? VolumeMounts { get; init; }

    [JsonPropertyName("livenessProbe")]
    public Probe? LivenessProbe { get; init; }

    [JsonPropertyName("readinessProbe")]
    public Probe? ReadinessProbe { get; init; }

    [JsonPropertyName("startupProbe")]
    public Probe? StartupProbe { get; init; }

    [JsonPropertyName("terminationMessagePath")]
    public string? TerminationMessagePath { get; init; }

    [JsonPropertyName("terminationMessagePolicy")]
    public string? TerminationMessagePolicy { get; init; }

    [JsonPropertyName("imagePullPolicy")]
    public string? ImagePullPolicy { get; init; }

    [JsonPropertyName("securityContext")]
    public SecurityContext? SecurityContext { get; init; }

    [JsonPropertyName("stdin")]
    public bool? Stdin { get; init; }

    [JsonPropertyName("tty")]
    public bool? Tty { get; init; }
}
