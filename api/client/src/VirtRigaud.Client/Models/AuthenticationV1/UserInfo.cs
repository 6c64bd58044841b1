using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AuthenticationV1;

/// <summary>authentication.k8s.io/v1 UserInfo.</summary>
public sealed record UserInfo
{
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("groups")]
    public IReadOnlyList<string>? Groups { get; init; }

    [JsonPropertyName("extra")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Extra { get; init; }
}
