using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 ResourceClaim: a reference to one entry of the pod's <c>spec.resourceClaims</c>.</summary>
public sealed record ResourceClaim
{
    /// <summary>The name of the entry in the pod's <c>spec.resourceClaims</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>One request of the claim; all requests are made available when empty.</summary>
    [JsonPropertyName("request")]
    public string? Request { get; init; }
}
