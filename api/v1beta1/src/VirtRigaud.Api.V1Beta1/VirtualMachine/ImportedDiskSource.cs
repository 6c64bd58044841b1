using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How an <see cref="ImportedDiskRef"/> disk came to exist on the provider.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportedDiskSource>))]
public enum ImportedDiskSource
{
    [JsonStringEnumMemberName("migration")]
    Migration,

    [JsonStringEnumMemberName("clone")]
    Clone,

    [JsonStringEnumMemberName("import")]
    Import,

    [JsonStringEnumMemberName("snapshot")]
    Snapshot,

    [JsonStringEnumMemberName("manual")]
    Manual,
}
