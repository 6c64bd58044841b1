using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AuthenticationV1;

/// <summary>authentication.k8s.io/v1 TokenReviewStatus.</summary>
public sealed record TokenReviewStatus
{
    [JsonPropertyName("authenticated")]
    public bool? Authenticated { get; init; }

    [JsonPropertyName("user")]
    public UserInfo? User { get; init; }

    [JsonPropertyName("audiences")]
    public IReadOnlyList<string>? Audiences { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
