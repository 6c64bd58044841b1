using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// contracts.SecurityProfile inside ClassPayload: the CRD's encryptionPolicy is flattened into EncryptionEnabled,
/// KeyProvider and RequireEncryption. Go field names, every field always written (no json tags upstream); see GoJson
/// for the encoding rules.
/// </summary>
public sealed record SecurityProfilePayload
{
    [JsonPropertyName("SecureBoot")]
    public bool SecureBoot { get; init; }

    [JsonPropertyName("TPMEnabled")]
    public bool TpmEnabled { get; init; }

    [JsonPropertyName("TPMVersion")]
    public string TpmVersion { get; init; } = "";

    [JsonPropertyName("VTDEnabled")]
    public bool VtdEnabled { get; init; }

    [JsonPropertyName("EncryptionEnabled")]
    public bool EncryptionEnabled { get; init; }

    [JsonPropertyName("KeyProvider")]
    public string KeyProvider { get; init; } = "";

    [JsonPropertyName("RequireEncryption")]
    public bool RequireEncryption { get; init; }
}
