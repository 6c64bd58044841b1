using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Security features of VMs of a class.</summary>
public sealed record SecurityProfile
{
    [JsonPropertyName("secureBoot")]
    [Default(false)]
    public bool? SecureBoot { get; init; }

    [JsonPropertyName("tpmEnabled")]
    [Default(false)]
    public bool? TpmEnabled { get; init; }

    /// <summary>
    /// TPM version. Upstream's CRD lists the numbers <c>1.2</c> and <c>2</c> as the enum of this string field, so no
    /// value can ever validate there; we accept the strings <c>"1.2"</c> and <c>"2.0"</c> (see the schema allow-list).
    /// </summary>
    [JsonPropertyName("tpmVersion")]
    [Enum("1.2", "2.0")]
    public string? TpmVersion { get; init; }

    [JsonPropertyName("vtdEnabled")]
    [Default(false)]
    public bool? VtdEnabled { get; init; }

    [JsonPropertyName("encryptionPolicy")]
    public EncryptionPolicy? EncryptionPolicy { get; init; }
}
