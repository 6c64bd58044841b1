using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>The versions of the legacy core group: <c>GET /api</c>.</summary>
public sealed record ApiVersions
{
    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "APIVersions";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = "v1";

    [JsonPropertyName("versions")]
    public IReadOnlyList<string> Versions { get; init; } = [];

    [JsonPropertyName("serverAddressByClientCIDRs")]
    public IReadOnlyList<ServerAddressByClientCidr> ServerAddressByClientCidrs { get; init; } = [];
}
