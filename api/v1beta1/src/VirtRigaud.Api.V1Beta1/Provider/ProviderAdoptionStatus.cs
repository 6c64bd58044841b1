using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The last discovery run of VM adoption on a <see cref="Provider"/>.</summary>
public sealed record ProviderAdoptionStatus
{
    [JsonPropertyName("lastDiscoveryTime")]
    public DateTimeOffset? LastDiscoveryTime { get; init; }

    /// <summary>Unmanaged VMs that matched the filter.</summary>
    [JsonPropertyName("discoveredVMs")]
    public int? DiscoveredVMs { get; init; }

    [JsonPropertyName("adoptedVMs")]
    public int? AdoptedVMs { get; init; }

    [JsonPropertyName("failedAdoptions")]
    public int? FailedAdoptions { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
