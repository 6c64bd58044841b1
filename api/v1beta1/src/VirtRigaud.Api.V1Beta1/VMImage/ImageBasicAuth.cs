using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>HTTP basic authentication with a user name and password from a Secret.</summary>
public sealed record ImageBasicAuth
{
    [JsonPropertyName("secretRef")]
    public required LocalObjectReference SecretRef { get; init; }

    [JsonPropertyName("usernameKey")]
    [Default("username")]
    public string? UsernameKey { get; init; }

    [JsonPropertyName("passwordKey")]
    [Default("password")]
    public string? PasswordKey { get; init; }
}
