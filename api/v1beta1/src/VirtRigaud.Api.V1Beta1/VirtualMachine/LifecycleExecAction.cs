using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A command run inside the guest by a lifecycle hook.</summary>
public sealed record LifecycleExecAction
{
    /// <summary>The command line; the first element is the executable, no shell is involved.</summary>
    [JsonPropertyName("command")]
    [MinItems(1)]
    public required IReadOnlyList<string> Command { get; init; }
}
