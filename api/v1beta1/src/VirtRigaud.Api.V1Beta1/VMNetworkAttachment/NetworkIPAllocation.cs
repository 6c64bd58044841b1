using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>An address allocated to a VM on a network.</summary>
public sealed record NetworkIPAllocation
{
    /// <summary>The VirtualMachine's name.</summary>
    [JsonPropertyName("vm")]
    public required string Vm { get; init; }

    [JsonPropertyName("ip")]
    public required string Ip { get; init; }

    [JsonPropertyName("mac")]
    public string? Mac { get; init; }

    [JsonPropertyName("allocatedAt")]
    public DateTimeOffset? AllocatedAt { get; init; }

    [JsonPropertyName("leaseExpiry")]
    public DateTimeOffset? LeaseExpiry { get; init; }
}
