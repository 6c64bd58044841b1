using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 SeccompProfile: the seccomp filter a container runs under.</summary>
public sealed record SeccompProfile
{
    /// <summary>A profile file relative to the kubelet's seccomp directory; set exactly when <see cref="Type"/> is <c>Localhost</c>.</summary>
    [JsonPropertyName("localhostProfile")]
    public string? LocalhostProfile { get; init; }

    /// <summary><c>RuntimeDefault</c>, <c>Unconfined</c> or <c>Localhost</c>.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }
}
