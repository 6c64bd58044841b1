using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AuthorizationV1;

/// <summary>authorization.k8s.io/v1 SubjectAccessReviewSpec: exactly one of resourceAttributes and nonResourceAttributes.</summary>
public sealed record SubjectAccessReviewSpec
{
    [JsonPropertyName("resourceAttributes")]
    public ResourceAttributes? ResourceAttributes { get; init; }

    [JsonPropertyName("nonResourceAttributes")]
    public NonResourceAttributes? NonResourceAttributes { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }

    [JsonPropertyName("groups")]
    public IReadOnlyList<string>? Groups { get; init; }

    [JsonPropertyName("extra")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Extra { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }
}
