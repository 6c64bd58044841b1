using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>VM encryption settings.</summary>
public sealed record EncryptionPolicy
{
    [JsonPropertyName("enabled")]
    [Default(false)]
    public bool? Enabled { get; init; }

    [JsonPropertyName("keyProvider")]
    [Enum("standard", "hardware", "external")]
    public string? KeyProvider { get; init; }

    [JsonPropertyName("requireEncryption")]
    [Default(false)]
    public bool? RequireEncryption { get; init; }
}
