using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How a <see cref="VMSnapshot"/> is taken.</summary>
public sealed record SnapshotConfig
{
    /// <summary>Name hint for the provider's snapshot (the provider may alter it); the object name when absent.</summary>
    [JsonPropertyName("name")]
    [MaxLength(255)]
    [Pattern(@"^[a-zA-Z0-9]([a-zA-Z0-9\-_]*[a-zA-Z0-9])?$")]
    public string? Name { get; init; }

    [JsonPropertyName("description")]
    [MaxLength(1024)]
    public string? Description { get; init; }

    /// <summary>Include the guest's memory state; the provider must report <c>supportsMemorySnapshots</c>.</summary>
    [JsonPropertyName("includeMemory")]
    [Default(false)]
    public bool? IncludeMemory { get; init; }

    /// <summary>Quiesce guest file systems first (needs guest tools).</summary>
    [JsonPropertyName("quiesce")]
    [Default(true)]
    public bool? Quiesce { get; init; }

    [JsonPropertyName("type")]
    [Default("Standard")]
    public SnapshotType? Type { get; init; }

    [JsonPropertyName("compression")]
    [Default(false)]
    public bool? Compression { get; init; }

    [JsonPropertyName("encryption")]
    public SnapshotEncryption? Encryption { get; init; }

    [JsonPropertyName("consistencyLevel")]
    [Enum("CrashConsistent", "FilesystemConsistent", "ApplicationConsistent")]
    [Default("FilesystemConsistent")]
    public string? ConsistencyLevel { get; init; }
}
