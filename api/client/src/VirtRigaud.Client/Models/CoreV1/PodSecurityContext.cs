using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 PodSecurityContext (the commonly used fields).</summary>
public sealed record PodSecurityContext
{
    [JsonPropertyName("runAsUser")]
    public long? RunAsUser { get; init; }

    [JsonPropertyName("runAsGroup")]
    public long? RunAsGroup { get; init; }

    [JsonPropertyName("runAsNonRoot")]
    public bool? RunAsNonRoot { get; init; }

    [JsonPropertyName("fsGroup")]
    public long? FsGroup { get; init; }

    [JsonPropertyName("fsGroupChangePolicy")]
    public string? FsGroupChangePolicy { get; init; }

    [JsonPropertyName("supplementalGroups")]
    public IReadOnlyList<long>? SupplementalGroups { get; init; }

    [JsonPropertyName("seccompProfile")]
    public SeccompProfile? SeccompProfile { get; init; }

    [JsonPropertyName("seLinuxOptions")]
    public SELinuxOptions? SELinuxOptions { get; init; }
}
