using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// How long a <see cref="VMSnapshot"/> is kept. Upstream acts on <see cref="MaxAge"/> and
/// <see cref="DeleteOnVMDelete"/> only; the other fields are declared for future use.
/// </summary>
public sealed record SnapshotRetentionPolicy
{
    /// <summary>Delete the snapshot this long after its creation time.</summary>
    [JsonPropertyName("maxAge")]
    public Duration? MaxAge { get; init; }

    [JsonPropertyName("maxCount")]
    [Minimum(1)]
    [Maximum(100)]
    public int? MaxCount { get; init; }

    /// <summary>Delete the snapshot when its VirtualMachine is gone.</summary>
    [JsonPropertyName("deleteOnVMDelete")]
    [Default(true)]
    public bool? DeleteOnVMDelete { get; init; }

    [JsonPropertyName("preservePinned")]
    [Default(true)]
    public bool? PreservePinned { get; init; }

    [JsonPropertyName("gracePeriod")]
    [Default("24h")]
    public Duration? GracePeriod { get; init; }
}
