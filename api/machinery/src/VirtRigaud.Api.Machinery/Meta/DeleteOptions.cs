using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>metav1.DeleteOptions: sent as the body of a DELETE (or as query parameters).</summary>
public sealed record DeleteOptions
{
    /// <summary>Set for objects built in code; a body without it reads as null (the server infers it from the URL).</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = "DeleteOptions";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = "v1";

    /// <summary>Seconds before the object is deleted; 0 means immediately.</summary>
    [JsonPropertyName("gracePeriodSeconds")]
    public long? GracePeriodSeconds { get; init; }

    [JsonPropertyName("preconditions")]
    public Preconditions? Preconditions { get; init; }

    /// <summary>Deprecated: use <see cref="PropagationPolicy"/> <c>Orphan</c>.</summary>
    [JsonPropertyName("orphanDependents")]
    public bool? OrphanDependents { get; init; }

    /// <summary>One of <see cref="DeletionPropagation"/>.</summary>
    [JsonPropertyName("propagationPolicy")]
    public string? PropagationPolicy { get; init; }

    /// <summary><c>["All"]</c> for a dry run.</summary>
    [JsonPropertyName("dryRun")]
    public IReadOnlyList<string>? DryRun { get; init; }
}
