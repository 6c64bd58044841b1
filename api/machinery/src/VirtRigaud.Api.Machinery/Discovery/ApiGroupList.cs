using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>The groups a server serves: <c>GET /apis</c>.</summary>
public sealed record ApiGroupList
{
    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("kind")]
    public string Kind { get; init => field = value ?? "APIGroupList"; } = "APIGroupList";

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init => field = value ?? "v1"; } = "v1";

    /// <summary>
    /// The groups. kube-apiserver writes them without their own <c>kind</c>/<c>apiVersion</c> (those belong to the
    /// <c>GET /apis/{group}</c> document only), so both are cleared here whatever the caller set.
    /// </summary>
    [JsonPropertyName("groups")]
    public IReadOnlyList<ApiGroup> Groups
    {
        get;
        init => field = (value ?? []).Select(g => g with { Kind = null, ApiVersion = null }).ToList();
    } = [];
}
