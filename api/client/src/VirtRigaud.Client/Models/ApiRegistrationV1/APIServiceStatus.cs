using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.ApiRegistrationV1;

/// <summary>apiregistration.k8s.io/v1 APIServiceStatus.</summary>
public sealed record APIServiceStatus
{
    [JsonPropertyName("conditions")]
    public IReadOnlyList<APIServiceCondition>? Conditions { get; init; }
}
