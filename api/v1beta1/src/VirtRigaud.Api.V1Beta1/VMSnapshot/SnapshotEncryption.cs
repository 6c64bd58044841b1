using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Encryption of a snapshot's data.</summary>
public sealed record SnapshotEncryption
{
    [JsonPropertyName("enabled")]
    [Default(false)]
    public bool? Enabled { get; init; }

    [JsonPropertyName("keyProvider")]
    [Enum("standard", "hardware", "external")]
    public string? KeyProvider { get; init; }

    /// <summary>The Secret holding the key; needed when <see cref="KeyProvider"/> is <c>external</c>.</summary>
    [JsonPropertyName("keyRef")]
    public LocalObjectReference? KeyRef { get; init; }
}
