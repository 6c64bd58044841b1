using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AppsV1;

/// <summary>apps/v1 DeploymentStrategy.</summary>
public sealed record DeploymentStrategy
{
    /// <summary>RollingUpdate (default) or Recreate.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("rollingUpdate")]
    public RollingUpdateDeployment? RollingUpdate { get; init; }
}
