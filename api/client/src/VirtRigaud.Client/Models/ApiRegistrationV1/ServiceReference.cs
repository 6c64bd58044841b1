using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.ApiRegistrationV1;

/// <summary>apiregistration.k8s.io/v1 ServiceReference.</summary>
public sealed record ServiceReference
{
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("port")]
    public int? Port { get; init; }
}
