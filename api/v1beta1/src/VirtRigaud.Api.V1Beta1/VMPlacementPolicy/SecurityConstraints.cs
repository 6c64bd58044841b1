using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Security properties a host must have to receive a VM.</summary>
public sealed record SecurityConstraints
{
    [JsonPropertyName("requireSecureBoot")]
    public bool? RequireSecureBoot { get; init; }

    [JsonPropertyName("requireTPM")]
    public bool? RequireTpm { get; init; }

    [JsonPropertyName("requireEncryptedStorage")]
    public bool? RequireEncryptedStorage { get; init; }

    [JsonPropertyName("requireNUMATopology")]
    public bool? RequireNumaTopology { get; init; }

    [JsonPropertyName("allowedSecurityGroups")]
    [MaxItems(20)]
    public IReadOnlyList<string>? AllowedSecurityGroups { get; init; }

    [JsonPropertyName("deniedSecurityGroups")]
    [MaxItems(20)]
    public IReadOnlyList<string>? DeniedSecurityGroups { get; init; }

    [JsonPropertyName("isolationLevel")]
    [Enum("none", "basic", "strict", "maximum")]
    public string? IsolationLevel { get; init; }

    [JsonPropertyName("trustLevel")]
    [Enum("untrusted", "basic", "trusted", "highly-trusted")]
    public string? TrustLevel { get; init; }
}
