using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Patch;

/// <summary>The six JSON patch operations (RFC 6902 §4); the wire value is the lower-case name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JsonPatchOperationType>))]
public enum JsonPatchOperationType
{
    [JsonStringEnumMemberName("add")]
    Add,

    [JsonStringEnumMemberName("remove")]
    Remove,

    [JsonStringEnumMemberName("replace")]
    Replace,

    [JsonStringEnumMemberName("move")]
    Move,

    [JsonStringEnumMemberName("copy")]
    Copy,

    [JsonStringEnumMemberName("test")]
    Test,
}
