using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.OpenApi;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// What one server serves: the resources of its group versions, in discovery order, and the documents describing them
/// (discovery, OpenAPI), built lazily once per catalog. Two catalogs exist per process:
/// <list type="table">
/// <item><term><see cref="GroupOnly"/></term><description><c>infra.virtrigaud.io/v1beta1</c> alone: the server runs
/// aggregated behind kube-apiserver, which serves the core API itself.</description></item>
/// <item><term><see cref="Standalone"/></term><description>the built-in resources a standalone server needs (core v1
/// secrets, configmaps, events and namespaces; coordination.k8s.io/v1 leases; events.k8s.io/v1 events), then
/// <c>infra.virtrigaud.io/v1beta1</c>.</description></item>
/// </list>
/// Immutable and thread-safe.
/// </summary>
public sealed class ApiCatalog
{
    private readonly Dictionary<(string Group, string Version, string Plural), ResourceDefinition> _byResource;
    private readonly Lazy<DiscoveryDocuments> _discovery;
    private readonly Lazy<OpenApiDocuments> _openApi;

    private ApiCatalog(IReadOnlyList<ResourceDefinition> resources, bool servesCore)
    {
        Resources = resources;
        ServesCore = servesCore;
        _byResource = resources.ToDictionary(r => (r.Group, r.Version, r.Plural));
        GroupVersions = resources.Select(r => (r.Group, r.Version)).Distinct().ToList();
        _discovery = new Lazy<DiscoveryDocuments>(() => new DiscoveryDocuments(this));
        _openApi = new Lazy<OpenApiDocuments>(() => new OpenApiDocuments(this));
    }

    /// <summary>The catalog of a server running aggregated: <c>infra.virtrigaud.io/v1beta1</c> only.</summary>
    public static ApiCatalog GroupOnly { get; } = new(KindDefinitions.All, servesCore: false);

    /// <summary>The catalog of a standalone server: the built-in resources, then <c>infra.virtrigaud.io/v1beta1</c>.</summary>
    public static ApiCatalog Standalone { get; } = new([.. Builtin.BuiltinDefinitions.All, .. KindDefinitions.All], servesCore: true);

    /// <summary>Every resource, built-in ones first (the order of discovery).</summary>
    public IReadOnlyList<ResourceDefinition> Resources { get; }

    /// <summary>The group versions served, in discovery order; the core group (<c>""</c>, <c>v1</c>) first when served.</summary>
    public IReadOnlyList<(string Group, string Version)> GroupVersions { get; }

    /// <summary>Whether the legacy core group (<c>/api/v1</c>, including namespaces) is served.</summary>
    public bool ServesCore { get; }

    /// <summary>The discovery documents of this catalog.</summary>
    internal DiscoveryDocuments Discovery => _discovery.Value;

    /// <summary>The OpenAPI documents of this catalog.</summary>
    internal OpenApiDocuments OpenApi => _openApi.Value;

    /// <summary>The catalog for a server with (<paramref name="standaloneCoreApi"/>) or without the built-in resources.</summary>
    public static ApiCatalog For(bool standaloneCoreApi) => standaloneCoreApi ? Standalone : GroupOnly;

    /// <summary>The resource served at <c>{group}/{version}/{plural}</c>, or null.</summary>
    public ResourceDefinition? Find(string group, string version, string plural) =>
        _byResource.GetValueOrDefault((group, version, plural));

    /// <summary>The resources of one group version, in catalog order.</summary>
    public IEnumerable<ResourceDefinition> In(string group, string version) =>
        Resources.Where(r => r.Group == group && r.Version == version);
}
