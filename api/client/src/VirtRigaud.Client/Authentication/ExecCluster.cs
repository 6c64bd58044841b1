using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Authentication;

/// <summary>The cluster passed to a plugin with <c>provideClusterInfo: true</c>.</summary>
internal sealed record ExecCluster
{
    [JsonPropertyName("server")]
    public required string Server { get; init; }

    [JsonPropertyName("tls-server-name")]
    public string? TlsServerName { get; init; }

    [JsonPropertyName("insecure-skip-tls-verify")]
    public bool? InsecureSkipTlsVerify { get; init; }

    [JsonPropertyName("certificate-authority-data")]
    public byte[]? CertificateAuthorityData { get; init; }

    [JsonPropertyName("proxy-url")]
    public string? ProxyUrl { get; init; }

    [JsonPropertyName("disable-compression")]
    public bool? DisableCompression { get; init; }
}
