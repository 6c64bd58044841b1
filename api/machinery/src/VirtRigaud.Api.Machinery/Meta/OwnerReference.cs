using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// metav1.OwnerReference: the garbage collector deletes an object once all its owners are gone. Owners must be in the
/// same namespace (or cluster-scoped); at most one reference may be the controller.
/// </summary>
public sealed record OwnerReference
{
    [JsonPropertyName("apiVersion")]
    public required string ApiVersion { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("uid")]
    public required string Uid { get; init; }

    /// <summary>This owner manages the object (at most one per object).</summary>
    [JsonPropertyName("controller")]
    public bool? Controller { get; init; }

    /// <summary>Foreground deletion of the owner waits for this object.</summary>
    [JsonPropertyName("blockOwnerDeletion")]
    public bool? BlockOwnerDeletion { get; init; }
}
