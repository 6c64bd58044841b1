using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// A certificate installed into the clone's trust store: PEM given inline (<see cref="Data"/>) or read from a Secret
/// (<see cref="SecretRef"/> and <see cref="SecretKey"/>); not both.
/// </summary>
public sealed record CertificateSpec
{
    [JsonPropertyName("name")]
    [MaxLength(255)]
    public required string Name { get; init; }

    /// <summary>PEM-encoded certificate.</summary>
    [JsonPropertyName("data")]
    public string? Data { get; init; }

    [JsonPropertyName("secretRef")]
    public LocalObjectReference? SecretRef { get; init; }

    [JsonPropertyName("secretKey")]
    [Default("tls.crt")]
    public string? SecretKey { get; init; }

    /// <summary>The certificate store (Windows store names; on Linux all map to the system trust store).</summary>
    [JsonPropertyName("store")]
    [Enum("root", "ca", "my", "trust")]
    [Default("root")]
    public string? Store { get; init; }
}
