using System.Text.Json.Serialization;
using VirtRigaud.Client.Serialization;

namespace VirtRigaud.Client.Models.CoordinationV1;

/// <summary>coordination.k8s.io/v1 LeaseSpec. Times are metav1.MicroTime (six fractional digits).</summary>
public sealed record LeaseSpec
{
    /// <summary>The identity of the current holder.</summary>
    [JsonPropertyName("holderIdentity")]
    public string? HolderIdentity { get; init; }

    /// <summary>How long candidates wait after the last renewal before they may take over.</summary>
    [JsonPropertyName("leaseDurationSeconds")]
    public int? LeaseDurationSeconds { get; init; }

    /// <summary>When the current holder acquired the lease.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    [JsonPropertyName("acquireTime")]
    public DateTimeOffset? AcquireTime { get; init; }

    /// <summary>When the current holder last renewed the lease.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    [JsonPropertyName("renewTime")]
    public DateTimeOffset? RenewTime { get; init; }

    /// <summary>How many times the lease changed holders.</summary>
    [JsonPropertyName("leaseTransitions")]
    public int? LeaseTransitions { get; init; }

    /// <summary>The coordinated leader election strategy (e.g. OldestEmulationVersion).</summary>
    [JsonPropertyName("strategy")]
    public string? Strategy { get; init; }

    /// <summary>The holder the coordinated election strategy would prefer.</summary>
    [JsonPropertyName("preferredHolder")]
    public string? PreferredHolder { get; init; }
}
