using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Health;

/// <summary>
/// The <c>GET /version</c> document (k8s.io/apimachinery/pkg/version.Info). <see cref="Major"/>/<see cref="Minor"/>
/// are the Kubernetes API level implemented; the kubectl dispatcher picks its client binary from them.
/// </summary>
public sealed record VersionInfo
{
    [JsonPropertyName("major")]
    public required string Major { get; init; }

    [JsonPropertyName("minor")]
    public required string Minor { get; init; }

    [JsonPropertyName("emulationMajor")]
    public string? EmulationMajor { get; init; }

    [JsonPropertyName("emulationMinor")]
    public string? EmulationMinor { get; init; }

    [JsonPropertyName("minCompatibilityMajor")]
    public string? MinCompatibilityMajor { get; init; }

    [JsonPropertyName("minCompatibilityMinor")]
    public string? MinCompatibilityMinor { get; init; }

    [JsonPropertyName("gitVersion")]
    public required string GitVersion { get; init; }

    [JsonPropertyName("gitCommit")]
    public required string GitCommit { get; init; }

    [JsonPropertyName("gitTreeState")]
    public required string GitTreeState { get; init; }

    [JsonPropertyName("buildDate")]
    public required string BuildDate { get; init; }

    [JsonPropertyName("goVersion")]
    public required string GoVersion { get; init; }

    [JsonPropertyName("compiler")]
    public required string Compiler { get; init; }

    [JsonPropertyName("platform")]
    public required string Platform { get; init; }
}
