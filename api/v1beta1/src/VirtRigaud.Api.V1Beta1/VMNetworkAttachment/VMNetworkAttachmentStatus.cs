using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The observed state of a <see cref="VMNetworkAttachment"/> (upstream never writes it).</summary>
public sealed record VMNetworkAttachmentStatus
{
    [JsonPropertyName("ready")]
    public bool? Ready { get; init; }

    [JsonPropertyName("phase")]
    public VMNetworkAttachmentPhase? Phase { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("availableOn")]
    public IReadOnlyList<string>? AvailableOn { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    [JsonPropertyName("connectedVMs")]
    public int? ConnectedVMs { get; init; }

    [JsonPropertyName("ipAllocations")]
    public IReadOnlyList<NetworkIPAllocation>? IpAllocations { get; init; }

    /// <summary>Per Provider name: the network on that provider.</summary>
    [JsonPropertyName("providerStatus")]
    public IReadOnlyDictionary<string, NetworkProviderStatus>? ProviderStatus { get; init; }
}
