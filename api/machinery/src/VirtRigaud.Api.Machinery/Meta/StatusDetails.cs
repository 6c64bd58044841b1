using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// metav1.StatusDetails. <see cref="Kind"/> is the Kind for Invalid/AlreadyExists errors and the plural resource for
/// NotFound/Conflict/Forbidden, as kube-apiserver does.
/// </summary>
public sealed record StatusDetails
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    [JsonPropertyName("causes")]
    public IReadOnlyList<StatusCause>? Causes { get; init; }

    [JsonPropertyName("retryAfterSeconds")]
    public int? RetryAfterSeconds { get; init; }
}
