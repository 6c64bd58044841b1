using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Who moves the bytes between the hypervisor and the staging area.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MigrationTransferMode>))]
public enum MigrationTransferMode
{
    /// <summary>Let the providers decide; resolves to <see cref="Relay"/>.</summary>
    [JsonStringEnumMemberName("auto")]
    Auto,

    /// <summary>The provider pod streams the data.</summary>
    [JsonStringEnumMemberName("relay")]
    Relay,

    /// <summary>The hypervisor host reads or writes the staging area itself (NFS only).</summary>
    [JsonStringEnumMemberName("direct")]
    Direct,
}
