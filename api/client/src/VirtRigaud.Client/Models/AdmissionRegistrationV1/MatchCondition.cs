using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AdmissionRegistrationV1;

/// <summary>admissionregistration.k8s.io/v1 MatchCondition (a CEL expression).</summary>
public sealed record MatchCondition
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("expression")]
    public required string Expression { get; init; }
}
