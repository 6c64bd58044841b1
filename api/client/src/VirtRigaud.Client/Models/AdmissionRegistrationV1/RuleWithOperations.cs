using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AdmissionRegistrationV1;

/// <summary>admissionregistration.k8s.io/v1 RuleWithOperations.</summary>
public sealed record RuleWithOperations
{
    /// <summary>CREATE, UPDATE, DELETE, CONNECT or *.</summary>
    [JsonPropertyName("operations")]
    public IReadOnlyList<string>? Operations { get; init; }

    [JsonPropertyName("apiGroups")]
    public IReadOnlyList<string>? ApiGroups { get; init; }

    [JsonPropertyName("apiVersions")]
    public IReadOnlyList<string>? ApiVersions { get; init; }

    [JsonPropertyName("resources")]
    public IReadOnlyList<string>? Resources { get; init; }

    /// <summary>Cluster, Namespaced or * (default).</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }
}
