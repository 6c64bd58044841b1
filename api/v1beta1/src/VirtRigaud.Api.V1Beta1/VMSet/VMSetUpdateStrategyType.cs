using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How a <see cref="VMSet"/> replaces replicas after its template changed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VMSetUpdateStrategyType>))]
public enum VMSetUpdateStrategyType
{
    /// <summary>Replace replicas a few at a time, bounded by <see cref="RollingUpdateVMSetStrategy"/>.</summary>
    RollingUpdate,

    /// <summary>Replace a replica only when the user deletes it.</summary>
    OnDelete,

    /// <summary>Delete every replica, then create the new ones.</summary>
    Recreate,
}
