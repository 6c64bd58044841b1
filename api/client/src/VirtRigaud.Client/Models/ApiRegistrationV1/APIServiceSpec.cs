using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.ApiRegistrationV1;

/// <summary>apiregistration.k8s.io/v1 APIServiceSpec.</summary>
public sealed record APIServiceSpec
{
    /// <summary>The Service of the aggregated server; null means served locally.</summary>
    [JsonPropertyName("service")]
    public ServiceReference? Service { get; init; }

    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("insecureSkipTLSVerify")]
    public bool? InsecureSkipTlsVerify { get; init; }

    /// <summary>PEM CA bundle of the serving certificate (base64 on the wire).</summary>
    [JsonPropertyName("caBundle")]
    public byte[]? CaBundle { get; init; }

    [JsonPropertyName("groupPriorityMinimum")]
    public required int GroupPriorityMinimum { get; init; }

    [JsonPropertyName("versionPriority")]
    public required int VersionPriority { get; init; }
}
