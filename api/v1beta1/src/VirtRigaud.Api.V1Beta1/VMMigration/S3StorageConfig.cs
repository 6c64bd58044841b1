using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>An S3 (or S3-compatible) bucket as staging area.</summary>
public sealed record S3StorageConfig
{
    [JsonPropertyName("bucket")]
    public required string Bucket { get; init; }

    /// <summary>
    /// The service endpoint: <c>https://host[:port]</c>, <c>http://host[:port]</c> (plaintext) or a bare
    /// <c>host[:port]</c>; AWS when absent.
    /// </summary>
    [JsonPropertyName("endpoint")]
    [MaxLength(263)]
    public string? Endpoint { get; init; }

    [JsonPropertyName("region")]
    public string? Region { get; init; }

    /// <summary>Key prefix for the staged objects.</summary>
    [JsonPropertyName("prefix")]
    public string? Prefix { get; init; }

    /// <summary>
    /// Secret with <c>accessKeyID</c>, <c>secretAccessKey</c> and optionally <c>sessionToken</c>, read from the
    /// migration's namespace.
    /// </summary>
    [JsonPropertyName("credentialsSecretRef")]
    public required ObjectRef CredentialsSecretRef { get; init; }

    /// <summary>Address buckets as <c>endpoint/bucket</c> (MinIO and most self-hosted services need this).</summary>
    [JsonPropertyName("usePathStyle")]
    [Default(false)]
    public bool? UsePathStyle { get; init; }
}
