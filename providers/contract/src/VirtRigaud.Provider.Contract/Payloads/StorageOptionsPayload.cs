using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// ExportDiskRequest/ImportDiskRequest.storage_options_json for the s3 and nfs staging backends (the manager sends an
/// empty string for pvc). camelCase JSON tags upstream, every field omitempty except <c>usePathStyle</c>, which is
/// always written; <c>uid</c>/<c>gid</c> are *int64 (written whenever set, 0 included).
/// </summary>
public sealed record StorageOptionsPayload
{
    /// <summary>"s3" or "nfs".</summary>
    [JsonPropertyName("backend")]
    public string? Backend { get; init; }

    [JsonPropertyName("bucket")]
    public string? Bucket { get; init; }

    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; init; }

    [JsonPropertyName("region")]
    public string? Region { get; init; }

    [JsonPropertyName("prefix")]
    public string? Prefix { get; init; }

    /// <summary>S3 path-style addressing; always present on the wire.</summary>
    [JsonPropertyName("usePathStyle")]
    public bool UsePathStyle { get; init; }

    /// <summary>NFS server.</summary>
    [JsonPropertyName("server")]
    public string? Server { get; init; }

    /// <summary>NFS export (absolute path).</summary>
    [JsonPropertyName("export")]
    public string? Export { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>AUTH_SYS uid for NFS; null when unset.</summary>
    [JsonPropertyName("uid")]
    public long? Uid { get; init; }

    /// <summary>AUTH_SYS gid for NFS; null when unset.</summary>
    [JsonPropertyName("gid")]
    public long? Gid { get; init; }
}
