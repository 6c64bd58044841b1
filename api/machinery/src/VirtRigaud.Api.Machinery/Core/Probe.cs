using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>
/// core/v1 Probe: a health check the kubelet runs against a container; exactly one of <see cref="Exec"/>,
/// <see cref="HttpGet"/>, <see cref="TcpSocket"/> and <see cref="Grpc"/> is set. Absent numbers take Kubernetes'
/// defaults (period 10 s, timeout 1 s, success 1, failure 3).
/// </summary>
public sealed record Probe
{
    [JsonPropertyName("exec")]
    public ExecAction? Exec { get; init; }

    /// <summary>Consecutive failures after which the probe counts as failed.</summary>
    [JsonPropertyName("failureThreshold")]
    public int? FailureThreshold { get; init; }

    [JsonPropertyName("grpc")]
    public GRPCAction? Grpc { get; init; }

    [JsonPropertyName("httpGet")]
    public HTTPGetAction? HttpGet { get; init; }

    [JsonPropertyName("initialDelaySeconds")]
    public int? InitialDelaySeconds { get; init; }

    [JsonPropertyName("periodSeconds")]
    public int? PeriodSeconds { get; init; }

    /// <summary>Consecutive successes after a failure for the probe to count as successful again (1 for liveness).</summary>
    [JsonPropertyName("successThreshold")]
    public int? SuccessThreshold { get; init; }

    [JsonPropertyName("tcpSocket")]
    public TCPSocketAction? TcpSocket { get; init; }

    /// <summary>Overrides the pod's grace period when a failed probe kills the container.</summary>
    [JsonPropertyName("terminationGracePeriodSeconds")]
    public long? TerminationGracePeriodSeconds { get; init; }

    [JsonPropertyName("timeoutSeconds")]
    public int? TimeoutSeconds { get; init; }
}
