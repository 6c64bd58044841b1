using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// metav1.ObjectMeta: the metadata every persisted object carries. Fields marked "server" are owned by the API
/// server: clients may send them, but create and update rules decide what survives (see KUBERNETES-API.md §3.3).
/// Absent collections are <c>null</c> (omitted on the wire); an empty collection is kept as sent.
/// </summary>
public sealed record ObjectMeta
{
    /// <summary>Unique within a namespace for a resource; a DNS-1123 subdomain for our kinds. Immutable.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Prefix for a server-generated name, used only on create when <see cref="Name"/> is empty.</summary>
    [JsonPropertyName("generateName")]
    public string? GenerateName { get; init; }

    /// <summary>The namespace of a namespaced object. Immutable.</summary>
    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    /// <summary>Deprecated and never populated by current servers; kept so that clients that send it round-trip.</summary>
    [JsonPropertyName("selfLink")]
    public string? SelfLink { get; init; }

    /// <summary>Server: a UUID assigned on create; immutable.</summary>
    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    /// <summary>Server: opaque to clients; the storage revision of the last write.</summary>
    [JsonPropertyName("resourceVersion")]
    public string? ResourceVersion { get; init; }

    /// <summary>Server: 1 on create, incremented whenever the desired state (everything but metadata and status) changes.</summary>
    [JsonPropertyName("generation")]
    public long? Generation { get; init; }

    /// <summary>Server: when the object was created (RFC 3339, seconds precision, UTC).</summary>
    [JsonPropertyName("creationTimestamp")]
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>Server: when graceful deletion was requested; the object goes once its finalizers are gone.</summary>
    [JsonPropertyName("deletionTimestamp")]
    public DateTimeOffset? DeletionTimestamp { get; init; }

    /// <summary>Server: the grace period requested with the deletion.</summary>
    [JsonPropertyName("deletionGracePeriodSeconds")]
    public long? DeletionGracePeriodSeconds { get; init; }

    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    [JsonPropertyName("ownerReferences")]
    public IReadOnlyList<OwnerReference>? OwnerReferences { get; init; }

    /// <summary>Keys of pending pre-deletion work; the object is removed only when this is empty.</summary>
    [JsonPropertyName("finalizers")]
    public IReadOnlyList<string>? Finalizers { get; init; }

    /// <summary>Server: which manager owns which fields (server-side apply).</summary>
    [JsonPropertyName("managedFields")]
    public IReadOnlyList<ManagedFieldsEntry>? ManagedFields { get; init; }

    /// <summary>The value of a label, or <c>null</c>.</summary>
    public string? Label(string key) => Labels is not null && Labels.TryGetValue(key, out var v) ? v : null;

    /// <summary>The value of an annotation, or <c>null</c>.</summary>
    public string? Annotation(string key) => Annotations is not null && Annotations.TryGetValue(key, out var v) ? v : null;

    /// <summary>Whether <paramref name="finalizer"/> is present.</summary>
    public bool HasFinalizer(string finalizer) => Finalizers?.Contains(finalizer) == true;

    /// <summary>The owner reference marked <c>controller: true</c>, if any.</summary>
    public OwnerReference? ControllerReference() => OwnerReferences?.FirstOrDefault(o => o.Controller == true);
}
