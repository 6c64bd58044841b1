using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>An NFS export as staging area.</summary>
public sealed record NfsStorageConfig
{
    /// <summary>Host name or IP address of the NFS server (checked against the staging-host policy).</summary>
    [JsonPropertyName("server")]
    [MaxLength(253)]
    public required string Server { get; init; }

    /// <summary>The absolute export path on the server.</summary>
    [JsonPropertyName("export")]
    [MaxLength(4096)]
    public required string Export { get; init; }

    /// <summary>A directory below the export.</summary>
    [JsonPropertyName("path")]
    [MaxLength(4096)]
    public string? Path { get; init; }

    [JsonPropertyName("readOnly")]
    [Default(false)]
    public bool? ReadOnly { get; init; }

    /// <summary>AUTH_SYS user ID to access the export with.</summary>
    [JsonPropertyName("uid")]
    [Minimum(0)]
    [Maximum(4294967295)]
    public long? Uid { get; init; }

    /// <summary>AUTH_SYS group ID to access the export with.</summary>
    [JsonPropertyName("gid")]
    [Minimum(0)]
    [Maximum(4294967295)]
    public long? Gid { get; init; }
}
