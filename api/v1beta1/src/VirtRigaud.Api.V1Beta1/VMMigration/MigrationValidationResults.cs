using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Outcome of <see cref="MigrationValidationChecks"/>.</summary>
public sealed record MigrationValidationResults
{
    [JsonPropertyName("diskSizeMatch")]
    public bool? DiskSizeMatch { get; init; }

    [JsonPropertyName("checksumMatch")]
    public bool? ChecksumMatch { get; init; }

    [JsonPropertyName("bootSuccess")]
    public bool? BootSuccess { get; init; }

    [JsonPropertyName("connectivitySuccess")]
    public bool? ConnectivitySuccess { get; init; }

    [JsonPropertyName("validationErrors")]
    public IReadOnlyList<string>? ValidationErrors { get; init; }
}
