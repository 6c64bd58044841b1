using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 NodeAffinity: the nodes a pod must or should be scheduled on.</summary>
public sealed record NodeAffinity
{
    /// <summary>Weighted preferences; the scheduler favours nodes with the highest sum of matching weights.</summary>
    [JsonPropertyName("preferredDuringSchedulingIgnoredDuringExecution")]
    [ListType("atomic")]
    public IReadOnlyList<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; init; }

    /// <summary>Hard requirement at scheduling time; a node that stops matching later does not evict the pod.</summary>
    [JsonPropertyName("requiredDuringSchedulingIgnoredDuringExecution")]
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; init; }
}
