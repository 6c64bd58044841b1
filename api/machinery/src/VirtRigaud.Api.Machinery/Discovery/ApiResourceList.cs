using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>The legacy discovery document of one group version: <c>GET /apis/{group}/{version}</c>.</summary>
public sealed record ApiResourceList
{
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "APIResourceList";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "v1";

    [JsonPropertyName("groupVersion")]
    public required string GroupVersion { get; init; }

    [JsonPropertyName("resources")]
    public IReadOnlyList<ApiResource> Resources { get; init; } = [];
}
