using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Where a <see cref="VMSnapshot"/> is in its life.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SnapshotPhase>))]
public enum SnapshotPhase
{
    Pending,
    Creating,
    Ready,
    Deleting,
    Failed,
    Expired,
}
