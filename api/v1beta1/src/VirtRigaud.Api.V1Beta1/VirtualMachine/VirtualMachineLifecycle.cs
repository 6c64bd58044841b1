using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Hooks around VM start and stop (accepted, but upstream does not run them).</summary>
public sealed record VirtualMachineLifecycle
{
    [JsonPropertyName("preStop")]
    public LifecycleHandler? PreStop { get; init; }

    [JsonPropertyName("postStart")]
    public LifecycleHandler? PostStart { get; init; }

    /// <summary>How long a graceful shutdown may take before the VM is powered off.</summary>
    [JsonPropertyName("gracefulShutdownTimeout")]
    [Default("60s")]
    public Duration? GracefulShutdownTimeout { get; init; }
}
