using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>What happens to a replica's claims when the set is deleted or scaled down.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PersistentVolumeClaimRetentionPolicyType>))]
public enum PersistentVolumeClaimRetentionPolicyType
{
    Retain,
    Delete,
}
