using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The state of one replica of a <see cref="VMSet"/>.</summary>
public sealed record VMSetVMStatus
{
    /// <summary>The VirtualMachine's name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("phase")]
    public VirtualMachinePhase? Phase { get; init; }

    [JsonPropertyName("ready")]
    public bool? Ready { get; init; }

    /// <summary>The template revision the replica was created from.</summary>
    [JsonPropertyName("revision")]
    public string? Revision { get; init; }

    [JsonPropertyName("creationTime")]
    public DateTimeOffset? CreationTime { get; init; }

    [JsonPropertyName("lastUpdateTime")]
    public DateTimeOffset? LastUpdateTime { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
