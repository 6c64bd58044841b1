using System.Text.Json.Serialization.Metadata;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Clients;

/// <summary>
/// What a typed client needs to know about a kind: its group, version, plural resource and scope, and the
/// source-generated JSON contracts of the object and its list. <see cref="ResourceDefinitions"/> holds the ones this
/// library knows; define more for other kinds. Immutable.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
public sealed record ResourceDefinition<T>
    where T : class, IKubernetesObject
{
    /// <summary>The API group; empty for the core group.</summary>
    public required string Group { get; init; }

    public required string Version { get; init; }

    /// <summary>The plural resource name, e.g. <c>virtualmachines</c>.</summary>
    public required string Plural { get; init; }

    public required string Kind { get; init; }

    /// <summary>Whether objects live in namespaces.</summary>
    public required bool Namespaced { get; init; }

    public required JsonTypeInfo<T> TypeInfo { get; init; }

    public required JsonTypeInfo<ObjectList<T>> ListTypeInfo { get; init; }

    /// <summary><c>group/version</c>, or the bare version in the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public GroupVersionResource GroupVersionResource => new(Group, Version, Plural);

    public GroupVersionKind GroupVersionKind => new(Group, Version, Kind);

    /// <summary><c>virtualmachines.infra.virtrigaud.io</c>.</summary>
    public override string ToString() => GroupVersionResource.GroupResource;
}
