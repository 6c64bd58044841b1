using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>One lifecycle hook: a command in the guest, an HTTP GET, or a snapshot.</summary>
public sealed record LifecycleHandler
{
    [JsonPropertyName("exec")]
    public LifecycleExecAction? Exec { get; init; }

    [JsonPropertyName("httpGet")]
    public LifecycleHttpGetAction? HttpGet { get; init; }

    [JsonPropertyName("snapshot")]
    public LifecycleSnapshotAction? Snapshot { get; init; }
}
