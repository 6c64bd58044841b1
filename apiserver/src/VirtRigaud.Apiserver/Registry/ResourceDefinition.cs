using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// Everything the generic machinery needs to serve one resource of one group version (k8s.io/apiserver's
/// <c>registry.Store</c> configuration plus what discovery and OpenAPI publish about it): names, where the objects live
/// in storage, how they are validated (the strategies), which fields can be selected, the Table columns, and the
/// OpenAPI definitions. Built once per server from a kind of <c>infra.virtrigaud.io/v1beta1</c>
/// (<see cref="KindDefinitions"/>) or one of the built-in core resources of standalone mode
/// (<see cref="Builtin.BuiltinDefinitions"/>). Immutable and thread-safe.
/// </summary>
public sealed record ResourceDefinition
{
    /// <summary>The API group, empty for the legacy core group served at <c>/api</c>.</summary>
    public required string Group { get; init; }

    public required string Version { get; init; }

    /// <summary>The kind, e.g. <c>Secret</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The list kind, e.g. <c>SecretList</c>.</summary>
    public string ListKind => Kind + "List";

    /// <summary>The resource name (plural, lower case), e.g. <c>secrets</c>.</summary>
    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Every resource this server serves through the generic store is namespaced.</summary>
    public bool Namespaced => true;

    /// <summary><c>v1</c> for the core group, <c>group/version</c> otherwise.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The URL prefix of the group version: <c>/api/v1</c> or <c>/apis/{group}/{version}</c>.</summary>
    public string PathPrefix => Group.Length == 0 ? "/api/" + Version : $"/apis/{Group}/{Version}";

    public GroupVersionKind GroupVersionKind => new(Group, Version, Kind);

    /// <summary>The structural schema of the object (managed fields and, for custom kinds, pruning, defaults and validation).</summary>
    public required OpenApiSchema Schema { get; init; }

    /// <summary>The kind of <c>infra.virtrigaud.io/v1beta1</c> this resource serves, or null for a built-in resource.</summary>
    public KindInfo? CustomKind { get; init; }

    /// <summary>Whether the resource has a <c>status</c> subresource (which then owns the status).</summary>
    public bool HasStatus { get; init; }

    /// <summary>The <c>scale</c> subresource, if the resource has one.</summary>
    public ScaleSubresourcePaths? Scale { get; init; }

    /// <summary>
    /// The storage key prefix of every object, below the store's prefix and ending in <c>/</c>: <c>/{group}/{plural}/</c>
    /// for custom kinds (as kube-apiserver stores CRDs) and <c>/{plural}/</c> for built-in resources (as kube-apiserver
    /// stores them, e.g. <c>/registry/secrets/{namespace}/{name}</c>).
    /// </summary>
    public required string StoragePrefix { get; init; }

    /// <summary>
    /// False for a second representation of objects another resource stores (events.k8s.io/v1 events are stored as
    /// core v1 events): such a resource is not walked by the garbage collector, which sees the objects once through
    /// the primary resource.
    /// </summary>
    public bool StoragePrimary { get; init; } = true;

    /// <summary>Converts between the stored form and this resource's form; null when they are the same.</summary>
    public IStorageConversion? Conversion { get; init; }

    /// <summary>Whether PUT of a missing object creates it (<c>AllowCreateOnUpdate</c>: events and leases; not custom resources).</summary>
    public bool AllowCreateOnUpdate { get; init; }

    /// <summary>
    /// Whether the objects hold secrets: decode errors then quote no part of the body, and metadata-only views
    /// (Table rows, PartialObjectMetadata) drop the last-applied-configuration annotation that copies the data.
    /// </summary>
    public bool Sensitive { get; init; }

    /// <summary>
    /// The Go type of a built-in resource (null for custom kinds): request bodies may then also be Kubernetes protobuf,
    /// as kubectl's typed commands send them.
    /// </summary>
    internal Builtin.GoStructType? GoType { get; init; }

    /// <summary>The strategy of the main resource.</summary>
    public required IResourceStrategy Strategy { get; init; }

    /// <summary>The strategy of <c>/status</c>; null when <see cref="HasStatus"/> is false.</summary>
    public IResourceStrategy? StatusStrategy { get; init; }

    /// <summary>The fields a <c>fieldSelector</c> may name (<c>metadata.name</c> and <c>metadata.namespace</c> included).</summary>
    public required IReadOnlyList<string> SelectableFields { get; init; }

    /// <summary>The value of a selectable field in an object of this resource (empty when absent). Pure.</summary>
    public Func<JsonObject, string, string> FieldValue { get; init; } = Registry.SelectableFields.Value;

    /// <summary>The columns of the Table form, in order (kube-apiserver's table convertor of the resource).</summary>
    public required IReadOnlyList<TableColumn> TableColumns { get; init; }

    /// <summary>The OpenAPI definition name of the kind, e.g. <c>io.k8s.api.core.v1.Secret</c>.</summary>
    public required string DefinitionName { get; init; }

    /// <summary>The OpenAPI definition name of the list kind.</summary>
    public required string ListDefinitionName { get; init; }

    /// <summary>
    /// Builds the OpenAPI definitions the resource needs besides the shared meta ones (the kind, its list, and the types
    /// they reference), in the v2 source form of <see cref="OpenApi.OpenApiSchemaConversion"/>. Every call returns fresh objects.
    /// </summary>
    public required Func<IReadOnlyDictionary<string, JsonObject>> OpenApiDefinitions { get; init; }

    /// <summary>The operation-id infix of the group version: <c>CoreV1</c>, <c>CoordinationV1</c>, <c>InfraVirtrigaudIoV1beta1</c>.</summary>
    public required string OperationGroupVersion { get; init; }

    /// <summary>The OpenAPI tag of the group version: <c>core_v1</c>, <c>infraVirtrigaudIo_v1beta1</c>.</summary>
    public required string Tag { get; init; }

    /// <summary>Discovery's <c>storageVersionHash</c>: the hash of the group/version/kind objects are stored as.</summary>
    public required string StorageVersionHash { get; init; }

    public GroupVersionResource GroupVersionResource => new(Group, Version, Plural);

    public override string ToString() => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}
