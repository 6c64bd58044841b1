using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AdmissionRegistrationV1;

/// <summary>admissionregistration.k8s.io/v1 WebhookClientConfig: a URL or a Service, and the CA bundle to trust.</summary>
public sealed record WebhookClientConfig
{
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("service")]
    public ServiceReference? Service { get; init; }

    /// <summary>PEM CA bundle (base64 on the wire).</summary>
    [JsonPropertyName("caBundle")]
    public byte[]? CaBundle { get; init; }
}
