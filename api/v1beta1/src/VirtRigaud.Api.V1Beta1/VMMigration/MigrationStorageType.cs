using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The kind of staging area of a migration; also the backend names providers report.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MigrationStorageType>))]
public enum MigrationStorageType
{
    [JsonStringEnumMemberName("pvc")]
    Pvc,

    [JsonStringEnumMemberName("nfs")]
    Nfs,

    [JsonStringEnumMemberName("s3")]
    S3,
}
