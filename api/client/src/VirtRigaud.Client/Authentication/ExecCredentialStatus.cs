using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Authentication;

/// <summary>The plugin's answer: a token or a client certificate with key, and when it expires. Secret.</summary>
internal sealed record ExecCredentialStatus
{
    [JsonPropertyName("expirationTimestamp")]
    public DateTimeOffset? ExpirationTimestamp { get; init; }

    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("clientCertificateData")]
    public string? ClientCertificateData { get; init; }

    [JsonPropertyName("clientKeyData")]
    public string? ClientKeyData { get; init; }

    // Never print the credential.
    public override string ToString() => $"ExecCredentialStatus {{ ExpirationTimestamp = {ExpirationTimestamp:O} }}";
}
