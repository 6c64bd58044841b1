using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 SELinuxOptions: the SELinux label applied to a container.</summary>
public sealed record SELinuxOptions
{
    [JsonPropertyName("level")]
    public string? Level { get; init; }

    [JsonPropertyName("role")]
    public string? Role { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }
}
