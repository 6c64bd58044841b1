using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Discovery;

/// <summary>A served version of a group: <c>{"groupVersion":"infra.virtrigaud.io/v1beta1","version":"v1beta1"}</c>.</summary>
public sealed record GroupVersionForDiscovery
{
    [JsonPropertyName("groupVersion")]
    public required string GroupVersion { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }
}
