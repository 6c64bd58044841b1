using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How template changes reach existing replicas.</summary>
public sealed record VMSetUpdateStrategy
{
    [JsonPropertyName("type")]
    [Default("RollingUpdate")]
    public VMSetUpdateStrategyType? Type { get; init; }

    /// <summary>Only with <see cref="VMSetUpdateStrategyType.RollingUpdate"/>.</summary>
    [JsonPropertyName("rollingUpdate")]
    public RollingUpdateVMSetStrategy? RollingUpdate { get; init; }
}
