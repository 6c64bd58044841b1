using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The observed state of a <see cref="VirtualMachine"/>, written by the controller.</summary>
public sealed record VirtualMachineStatus
{
    /// <summary>The provider's identifier of the VM; empty until it is created.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("powerState")]
    public PowerState? PowerState { get; init; }

    [JsonPropertyName("ips")]
    public IReadOnlyList<string>? Ips { get; init; }

    [JsonPropertyName("consoleURL")]
    public string? ConsoleURL { get; init; }

    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    /// <summary>The provider task of the last create or power operation, polled until it completes.</summary>
    [JsonPropertyName("lastTaskRef")]
    public string? LastTaskRef { get; init; }

    /// <summary>Provider-specific details of the VM, as the provider reported them.</summary>
    [JsonPropertyName("provider")]
    [PreserveUnknownFields]
    public IReadOnlyDictionary<string, string>? Provider { get; init; }

    [JsonPropertyName("reconfigureTaskRef")]
    public string? ReconfigureTaskRef { get; init; }

    [JsonPropertyName("lastReconfigureTime")]
    public DateTimeOffset? LastReconfigureTime { get; init; }

    [JsonPropertyName("currentResources")]
    public VirtualMachineResources? CurrentResources { get; init; }

    [JsonPropertyName("snapshots")]
    public IReadOnlyList<VMSnapshotInfo>? Snapshots { get; init; }

    [JsonPropertyName("phase")]
    public VirtualMachinePhase? Phase { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
