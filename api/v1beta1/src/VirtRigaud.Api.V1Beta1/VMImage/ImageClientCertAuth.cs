using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>TLS client-certificate authentication with a certificate and key from a Secret.</summary>
public sealed record ImageClientCertAuth
{
    [JsonPropertyName("secretRef")]
    public required LocalObjectReference SecretRef { get; init; }

    [JsonPropertyName("certKey")]
    [Default("tls.crt")]
    public string? CertKey { get; init; }

    [JsonPropertyName("keyKey")]
    [Default("tls.key")]
    public string? KeyKey { get; init; }
}
