using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>The groups a server serves: <c>GET /apis</c>.</summary>
public sealed record ApiGroupList
{
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "APIGroupList";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "v1";

    [JsonPropertyName("groups")]
    public IReadOnlyList<ApiGroup> Groups { get; init; } = [];
}
