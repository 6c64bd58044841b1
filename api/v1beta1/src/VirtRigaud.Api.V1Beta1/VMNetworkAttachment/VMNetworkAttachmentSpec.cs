using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The desired state of a <see cref="VMNetworkAttachment"/>.</summary>
public sealed record VMNetworkAttachmentSpec
{
    /// <summary>The provider-side network; upstream consumes only a few of its fields when creating VMs.</summary>
    [JsonPropertyName("network")]
    public required VMNetworkConfig Network { get; init; }

    [JsonPropertyName("ipAllocation")]
    public IPAllocationConfig? IpAllocation { get; init; }

    [JsonPropertyName("security")]
    public NetworkSecurityConfig? Security { get; init; }

    [JsonPropertyName("qos")]
    public NetworkQoSConfig? Qos { get; init; }

    [JsonPropertyName("metadata")]
    public NetworkMetadata? Metadata { get; init; }
}
