using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// A password given inline (<see cref="Value"/>, discouraged: it is stored in clear text) or read from a Secret in the
/// clone's namespace (<see cref="SecretRef"/> and <see cref="SecretKey"/>); not both.
/// </summary>
public sealed record PasswordSpec
{
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    /// <summary>The key of the Secret holding the password.</summary>
    [JsonPropertyName("secretKey")]
    [Default("password")]
    public string? SecretKey { get; init; }
}
