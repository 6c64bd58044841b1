using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>GPUs passed through to a VM (accepted, but upstream never forwards them to a provider).</summary>
public sealed record GPUSpec
{
    [JsonPropertyName("count")]
    [Minimum(1)]
    [Maximum(8)]
    public required int Count { get; init; }

    /// <summary>The GPU model, e.g. <c>nvidia-tesla-t4</c>.</summary>
    [JsonPropertyName("type")]
    [Pattern("^[a-zA-Z0-9-_]+$")]
    public string? Type { get; init; }

    /// <summary>GPU memory in MiB.</summary>
    [JsonPropertyName("memory")]
    [Minimum(512)]
    public long? Memory { get; init; }
}
