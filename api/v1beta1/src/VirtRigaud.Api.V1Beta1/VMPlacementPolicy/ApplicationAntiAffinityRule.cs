using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Keeps VMs of different applications (by the value of <see cref="ApplicationLabel"/>) apart.</summary>
public sealed record ApplicationAntiAffinityRule
{
    [JsonPropertyName("enabled")]
    public required bool Enabled { get; init; }

    /// <summary>The VM label whose value names the application.</summary>
    [JsonPropertyName("applicationLabel")]
    [Default("app")]
    public string? ApplicationLabel { get; init; }

    [JsonPropertyName("scope")]
    public AffinityScope? Scope { get; init; }
}
