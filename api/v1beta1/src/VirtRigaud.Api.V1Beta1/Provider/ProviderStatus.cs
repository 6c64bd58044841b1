using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The observed state of a <see cref="Provider"/>. Upstream's conditions are <c>ProviderRuntimeReady</c>,
/// <c>ProviderAvailable</c>, <c>TLSConfigured</c> and <c>CapabilitiesReported</c>.
/// </summary>
public sealed record ProviderStatus
{
    /// <summary>Mirrors condition <c>ProviderAvailable</c>.</summary>
    [JsonPropertyName("healthy")]
    public bool? Healthy { get; init; }

    [JsonPropertyName("lastHealthCheck")]
    public DateTimeOffset? LastHealthCheck { get; init; }

    [JsonPropertyName("runtime")]
    public ProviderRuntimeStatus? Runtime { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    /// <summary>Coarse capability names (declared upstream, never filled; see <see cref="ReportedCapabilities"/>).</summary>
    [JsonPropertyName("capabilities")]
    public IReadOnlyList<ProviderCapability>? Capabilities { get; init; }

    /// <summary>What the provider answered to GetCapabilities, last time it was asked successfully.</summary>
    [JsonPropertyName("reportedCapabilities")]
    public ProviderReportedCapabilities? ReportedCapabilities { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>VirtualMachines (in any namespace) that reference this Provider.</summary>
    [JsonPropertyName("connectedVMs")]
    public int? ConnectedVMs { get; init; }

    [JsonPropertyName("resourceUsage")]
    public ProviderResourceUsage? ResourceUsage { get; init; }

    /// <summary>Progress of VM adoption; absent unless <see cref="ProviderAnnotations.AdoptVMs"/> is "true".</summary>
    [JsonPropertyName("adoption")]
    public ProviderAdoptionStatus? Adoption { get; init; }
}
