using System.Text.Json.Serialization;
using Core = VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The observed provider Deployment and Service.</summary>
public sealed record ProviderRuntimeStatus
{
    [JsonPropertyName("mode")]
    public ProviderRuntimeMode? Mode { get; init; }

    /// <summary>The gRPC address, <c>&lt;service&gt;.&lt;namespace&gt;.svc.cluster.local:&lt;port&gt;</c>.</summary>
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; init; }

    [JsonPropertyName("serviceRef")]
    public Core.LocalObjectReference? ServiceRef { get; init; }

    [JsonPropertyName("phase")]
    public ProviderRuntimePhase? Phase { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("readyReplicas")]
    public int? ReadyReplicas { get; init; }

    [JsonPropertyName("availableReplicas")]
    public int? AvailableReplicas { get; init; }
}
