using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>The legacy discovery document of one group version: <c>GET /apis/{group}/{version}</c>.</summary>
public sealed record ApiResourceList
{
    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("kind")]
    public string Kind { get; init => field = value ?? "APIResourceList"; } = "APIResourceList";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init => field = value ?? "v1"; } = "v1";

    [JsonPropertyName("groupVersion")]
    public required string GroupVersion { get; init; }

    [JsonPropertyName("resources")]
    public IReadOnlyList<ApiResource> Resources { get; init => field = value ?? []; } = [];
}
