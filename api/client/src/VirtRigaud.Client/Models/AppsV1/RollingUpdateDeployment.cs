using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.AppsV1;

/// <summary>apps/v1 RollingUpdateDeployment.</summary>
public sealed record RollingUpdateDeployment
{
    [JsonPropertyName("maxUnavailable")]
    public IntOrString? MaxUnavailable { get; init; }

    [JsonPropertyName("maxSurge")]
    public IntOrString? MaxSurge { get; init; }
}
