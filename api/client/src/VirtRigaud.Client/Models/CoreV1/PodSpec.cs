using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 PodSpec: the fields VirtRigaud's components set on the pods they run (providers). Fields not modelled here are not preserved by an update through this type; use the dynamic client for full fidelity.</summary>
public sealed record PodSpec
{
    [JsonPropertyName("volumes")]
    public IReadOnlyList<Volume>? Volumes { get; init; }

    [JsonPropertyName("initContainers")]
    public IReadOnlyList<Container>? InitContainers { get; init; }

    [JsonPropertyName("containers")]
    public required IReadOnlyList<Container> Containers { get; init; }

    [JsonPropertyName("restartPolicy")]
    public string? RestartPolicy { get; init; }

    [JsonPropertyName("terminationGracePeriodSeconds")]
    public long? TerminationGracePeriodSeconds { get; init; }

    [JsonPropertyName("activeDeadlineSeconds")]
    public long? ActiveDeadlineSeconds { get; init; }

    [JsonPropertyName("dnsPolicy")]
    public string? DnsPolicy { get; init; }

    [JsonPropertyName("nodeSelector")]
    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }

    [JsonPropertyName("serviceAccountName")]
    public string? ServiceAccountName { get; init; }

    [JsonPropertyName("automountServiceAccountToken")]
    public bool? AutomountServiceAccountToken { get; init; }

    [JsonPropertyName("nodeName")]
    public string? NodeName { get; init; }

    [JsonPropertyName("hostNetwork")]
    public bool? HostNetwork { get; init; }

    [JsonPropertyName("securityContext")]
    public PodSecurityContext? SecurityContext { get; init; }

    [JsonPropertyName("imagePullSecrets")]
    public IReadOnlyList<LocalObjectReference>? ImagePullSecrets { get; init; }

    [JsonPropertyName("hostname")]
    public string? Hostname { get; init; }

    [JsonPropertyName("subdomain")]
    public string? Subdomain { get; init; }

    [JsonPropertyName("affinity")]
    public Affinity? Affinity { get; init; }

    [JsonPropertyName("schedulerName")]
    public string? SchedulerName { get; init; }

    [JsonPropertyName("tolerations")]
    public IReadOnlyList<Toleration>? Tolerations { get; init; }

    [JsonPropertyName("priorityClassName")]
    public string? PriorityClassName { get; init; }

    [JsonPropertyName("priority")]
    public int? Priority { get; init; }

    [JsonPropertyName("runtimeClassName")]
    public string? RuntimeClassName { get; init; }

    [JsonPropertyName("enableServiceLinks")]
    public bool? EnableServiceLinks { get; init; }

    [JsonPropertyName("topologySpreadConstraints")]
    public IReadOnlyList<TopologySpreadConstraint>? TopologySpreadConstraints { get; init; }
}
