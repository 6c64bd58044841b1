using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>
/// The versions of the legacy core group: <c>GET /api</c>. kube-apiserver writes it with <c>kind</c> but without
/// <c>apiVersion</c> (<c>{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[…]}</c>), and always
/// with <c>serverAddressByClientCIDRs</c>, which is not omitempty there.
/// </summary>
public sealed record ApiVersions
{
    // Defaults are re-applied in init because the JSON source generator passes null for an absent init-only property
    // instead of keeping its initializer (dotnet/runtime#84484); an absent or null value reads as the default.
    [JsonPropertyName("kind")]
    public string Kind { get; init => field = value ?? "APIVersions"; } = "APIVersions";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("versions")]
    public IReadOnlyList<string> Versions { get; init => field = value ?? []; } = [];

    [JsonPropertyName("serverAddressByClientCIDRs")]
    public IReadOnlyList<ServerAddressByClientCidr> ServerAddressByClientCidrs { get; init => field = value ?? []; } = [];
}
