using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>
/// A kubeconfig cluster: where the API server is and how to trust it. Relative file paths are resolved against the
/// directory of the file that holds them when the file is loaded.
/// </summary>
public sealed record KubeconfigCluster
{
    /// <summary>The API server URL, e.g. <c>https://10.0.0.1:6443</c>.</summary>
    [JsonPropertyName("server")]
    public string? Server { get; init; }

    /// <summary>The name to verify the serving certificate against (and send as SNI), instead of the URL's host.</summary>
    [JsonPropertyName("tls-server-name")]
    public string? TlsServerName { get; init; }

    /// <summary>Skips verification of the serving certificate. Insecure; mutually exclusive with a CA.</summary>
    [JsonPropertyName("insecure-skip-tls-verify")]
    public bool? InsecureSkipTlsVerify { get; init; }

    /// <summary>PEM file with the CA bundle the serving certificate must chain to.</summary>
    [JsonPropertyName("certificate-authority")]
    public string? CertificateAuthority { get; init; }

    /// <summary>The PEM CA bundle itself (base64 in the file); wins over <see cref="CertificateAuthority"/>.</summary>
    [JsonPropertyName("certificate-authority-data")]
    public byte[]? CertificateAuthorityData { get; init; }

    /// <summary>An <c>http</c>, <c>https</c> or <c>socks5</c> proxy for requests to this cluster.</summary>
    [JsonPropertyName("proxy-url")]
    public string? ProxyUrl { get; init; }

    /// <summary>Do not ask for gzip-compressed responses.</summary>
    [JsonPropertyName("disable-compression")]
    public bool? DisableCompression { get; init; }

    [JsonPropertyName("extensions")]
    public JsonArray? Extensions { get; init; }
}
