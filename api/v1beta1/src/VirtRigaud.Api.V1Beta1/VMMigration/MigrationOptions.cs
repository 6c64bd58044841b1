using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How a <see cref="VMMigration"/> transfers and verifies the disk, and how it retries and cleans up.</summary>
public sealed record MigrationOptions
{
    /// <summary>The format of the staged disk; qcow2 when absent.</summary>
    [JsonPropertyName("diskFormat")]
    [Enum("qcow2", "vmdk", "raw")]
    public ImageFormat? DiskFormat { get; init; }

    [JsonPropertyName("compress")]
    [Default(false)]
    public bool? Compress { get; init; }

    /// <summary>Verify the staged object's SHA-256 on import.</summary>
    [JsonPropertyName("verifyChecksums")]
    [Default(true)]
    public bool? VerifyChecksums { get; init; }

    /// <summary>Upper bound for the whole migration (declared upstream, not enforced there).</summary>
    [JsonPropertyName("timeout")]
    [Default("4h")]
    public Duration? Timeout { get; init; }

    /// <summary>Retries of a failed migration; without it a failure is final.</summary>
    [JsonPropertyName("retryPolicy")]
    public MigrationRetryPolicy? RetryPolicy { get; init; }

    [JsonPropertyName("cleanupPolicy")]
    [Default("OnSuccess")]
    public MigrationCleanupPolicy? CleanupPolicy { get; init; }

    [JsonPropertyName("validationChecks")]
    public MigrationValidationChecks? ValidationChecks { get; init; }
}
