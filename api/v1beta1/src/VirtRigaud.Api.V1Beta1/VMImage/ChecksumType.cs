using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The hash algorithm of a checksum.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChecksumType>))]
public enum ChecksumType
{
    [JsonStringEnumMemberName("md5")]
    Md5,

    [JsonStringEnumMemberName("sha1")]
    Sha1,

    [JsonStringEnumMemberName("sha256")]
    Sha256,

    [JsonStringEnumMemberName("sha512")]
    Sha512,
}
