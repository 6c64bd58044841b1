using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Whether replicas are created and deleted one by one in ordinal order or all at once (StatefulSet terms).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VMSetPodManagementPolicyType>))]
public enum VMSetPodManagementPolicyType
{
    /// <summary>One at a time, each waiting for its predecessor to be ready.</summary>
    OrderedReady,

    Parallel,
}
