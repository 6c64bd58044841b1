using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A command run inside the clone's guest OS.</summary>
public sealed record GuestCommand
{
    [JsonPropertyName("command")]
    [MaxLength(1000)]
    public required string Command { get; init; }

    [JsonPropertyName("arguments")]
    [MaxItems(20)]
    public IReadOnlyList<string>? Arguments { get; init; }

    [JsonPropertyName("workingDirectory")]
    [MaxLength(500)]
    public string? WorkingDirectory { get; init; }

    [JsonPropertyName("runAsUser")]
    [MaxLength(255)]
    public string? RunAsUser { get; init; }

    [JsonPropertyName("timeout")]
    [Default("5m")]
    public Duration? Timeout { get; init; }

    [JsonPropertyName("stage")]
    [Default("post-customization")]
    public GuestCommandStage? Stage { get; init; }
}
