using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AdmissionRegistrationV1;

/// <summary>admissionregistration.k8s.io/v1 ServiceReference.</summary>
public sealed record ServiceReference
{
    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("port")]
    public int? Port { get; init; }
}
