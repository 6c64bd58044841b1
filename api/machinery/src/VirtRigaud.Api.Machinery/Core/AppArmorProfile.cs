using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 AppArmorProfile: the AppArmor profile a container runs under.</summary>
public sealed record AppArmorProfile
{
    /// <summary>The name of a profile loaded on the node; set exactly when <see cref="Type"/> is <c>Localhost</c>.</summary>
    [JsonPropertyName("localhostProfile")]
    public string? LocalhostProfile { get; init; }

    /// <summary><c>RuntimeDefault</c>, <c>Unconfined</c> or <c>Localhost</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }
}
