using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>HTTP bearer-token authentication with a token from a Secret.</summary>
public sealed record ImageBearerAuth
{
    [JsonPropertyName("secretRef")]
    public required LocalObjectReference SecretRef { get; init; }

    [JsonPropertyName("tokenKey")]
    [Default("token")]
    public string? TokenKey { get; init; }
}
