using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>An API group with its versions: <c>GET /apis/{group}</c> and an entry of <see cref="ApiGroupList"/>.</summary>
public sealed record ApiGroup
{
    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = "APIGroup";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = "v1";

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("versions")]
    public IReadOnlyList<GroupVersionForDiscovery> Versions { get; init => field = value ?? []; } = [];

    [JsonPropertyName("preferredVersion")]
    public GroupVersionForDiscovery? PreferredVersion { get; init; }

    [JsonPropertyName("serverAddressByClientCIDRs")]
    public IReadOnlyList<ServerAddressByClientCidr>? ServerAddressByClientCidrs { get; init; }
}
