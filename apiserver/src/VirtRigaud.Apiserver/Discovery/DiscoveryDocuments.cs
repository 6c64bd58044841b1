using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Discovery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>
/// The discovery documents of one <see cref="ApiCatalog"/>, built and serialized on first use: what kube-apiserver
/// would publish for its resources — the built-in ones of standalone mode as kube-apiserver publishes them (the core
/// group at <c>/api</c>, namespaces included), the ten CRDs of <c>infra.virtrigaud.io</c> as a CRD's discovery
/// (no categories: the upstream CRDs declare none) plus the two action subresources of virtual machines. Immutable.
/// </summary>
internal sealed class DiscoveryDocuments
{
    private const string ScaleGroup = "autoscaling";
    private const string ScaleVersion = "v1";
    private const string ScaleKind = "Scale";

    /// <summary>The verbs of a built-in resource, in kube-apiserver's (alphabetical) order.</summary>
    private static readonly string[] BuiltinVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    private readonly ApiCatalog _catalog;
    private readonly Lazy<Serialized> _documents;

    public DiscoveryDocuments(ApiCatalog catalog)
    {
        _catalog = catalog;
        _documents = new Lazy<Serialized>(Serialize);
    }

    /// <summary><c>GET /apis</c> in legacy form: the named groups, built-in ones first.</summary>
    public ApiGroupList GroupList => new() { Groups = [.. NamedGroups.Select(Group)] };

    /// <summary><c>GET /api</c> in legacy form: <c>v1</c> when the core group is served, else no version.</summary>
    public ApiVersions CoreVersions => _catalog.ServesCore ? new() { Versions = ["v1"] } : new();

    /// <summary>The paths <c>GET /</c> lists, sorted as kube-apiserver sorts them.</summary>
    public IReadOnlyList<string> RootPaths =>
        new[] { "/api", "/apis", "/healthz", "/livez", "/openapi/v2", "/openapi/v3", "/readyz", "/version" }
            .Concat(_catalog.ServesCore ? ["/api/v1"] : [])
            .Concat(NamedGroups.SelectMany(g => new[] { "/apis/" + g, "/apis/" + g + "/" + VersionOf(g) }))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The named groups (not the core group), in catalog order.</summary>
    public IReadOnlyList<string> NamedGroups => _catalog.GroupVersions.Where(gv => gv.Group.Length > 0).Select(gv => gv.Group).Distinct().ToList();

    /// <summary><c>GET /apis/{group}</c>.</summary>
    public ApiGroup Group(string group)
    {
        var preferred = new GroupVersionForDiscovery { GroupVersion = group + "/" + VersionOf(group), Version = VersionOf(group) };
        return new ApiGroup { Name = group, Versions = [preferred], PreferredVersion = preferred };
    }

    /// <summary><c>GET /apis/{group}/{version}</c> or <c>GET /api/v1</c>: resources and subresources sorted by name.</summary>
    public ApiResourceList ResourceList(string group, string version)
    {
        var resources = new List<ApiResource>();
        if (group.Length == 0 && _catalog.ServesCore)
        {
            resources.Add(new ApiResource
            {
                Name = "namespaces",
                SingularName = "namespace",
                Namespaced = false,
                Kind = "Namespace",
                Verbs = StandaloneNamespaceEndpoints.Verbs,
                ShortNames = ["ns"],
                StorageVersionHash = StorageVersionHash.Compute("", "v1", "Namespace"),
            });
        }

        foreach (var resource in _catalog.In(group, version))
        {
            resources.Add(new ApiResource
            {
                Name = resource.Plural,
                SingularName = resource.Singular,
                Namespaced = resource.Namespaced,
                Kind = resource.Kind,
                Verbs = Verbs(resource),
                ShortNames = resource.ShortNames.Count > 0 ? resource.ShortNames : null,
                StorageVersionHash = resource.StorageVersionHash,
            });
            foreach (var sub in Subresources(resource))
            {
                resources.Add(new ApiResource
                {
                    Name = resource.Plural + "/" + sub.Subresource,
                    Namespaced = resource.Namespaced,
                    Group = sub.ResponseKind.Group == resource.Group ? null : sub.ResponseKind.Group,
                    Version = sub.ResponseKind.Group == resource.Group ? null : sub.ResponseKind.Version,
                    Kind = sub.ResponseKind.Kind,
                    Verbs = sub.Verbs,
                });
            }
        }

        return new ApiResourceList
        {
            GroupVersion = group.Length == 0 ? version : group + "/" + version,
            Resources = resources.OrderBy(r => r.Name, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary><c>GET /apis</c> as an aggregated discovery document of the given apidiscovery version (v2, v2beta1).</summary>
    public ApiGroupDiscoveryList Aggregated(string discoveryVersion) => new()
    {
        ApiVersion = DiscoveryNegotiation.DiscoveryGroup + "/" + discoveryVersion,
        Items = [.. NamedGroups.Select(g => GroupDiscovery(g, VersionOf(g)))],
    };

    /// <summary><c>GET /api</c> as an aggregated discovery document: the core group when served, else no groups.</summary>
    public ApiGroupDiscoveryList AggregatedCore(string discoveryVersion) => new()
    {
        ApiVersion = DiscoveryNegotiation.DiscoveryGroup + "/" + discoveryVersion,
        Items = _catalog.ServesCore ? [GroupDiscovery("", "v1")] : [],
    };

    internal CachedDocument Apis(DiscoveryFormat format) => format switch
    {
        DiscoveryFormat.AggregatedV2 => _documents.Value.ApisV2,
        DiscoveryFormat.AggregatedV2Beta1 => _documents.Value.ApisV2Beta1,
        _ => _documents.Value.ApisLegacy,
    };

    internal CachedDocument Core(DiscoveryFormat format) => format switch
    {
        DiscoveryFormat.AggregatedV2 => _documents.Value.CoreV2,
        DiscoveryFormat.AggregatedV2Beta1 => _documents.Value.CoreV2Beta1,
        _ => _documents.Value.CoreLegacy,
    };

    /// <summary>The legacy document of <c>/apis/{group}</c>, or null for a group not served.</summary>
    internal CachedDocument? GroupDocument(string group) => _documents.Value.Groups.GetValueOrDefault(group);

    /// <summary>The legacy document of <c>/apis/{group}/{version}</c> (<c>""</c> for <c>/api/v1</c>), or null for one not served.</summary>
    internal CachedDocument? ResourceListDocument(string group, string version) => _documents.Value.ResourceLists.GetValueOrDefault((group, version));

    internal CachedDocument RootDocument => _documents.Value.Root;

    private string VersionOf(string group) => _catalog.GroupVersions.First(gv => gv.Group == group).Version;

    private ApiGroupDiscovery GroupDiscovery(string group, string version)
    {
        var resources = _catalog.In(group, version)
            .Select(resource => new ApiResourceDiscovery
            {
                Resource = resource.Plural,
                ResponseKind = new DiscoveryGroupVersionKind { Group = resource.Group, Version = resource.Version, Kind = resource.Kind },
                Scope = resource.Namespaced ? "Namespaced" : "Cluster",
                SingularResource = resource.Singular,
                Verbs = Verbs(resource),
                ShortNames = resource.ShortNames.Count > 0 ? resource.ShortNames : null,
                Subresources = resource.CustomKind is null ? null : Subresources(resource),
            })
            .ToList();
        if (group.Length == 0)
        {
            resources.Add(new ApiResourceDiscovery
            {
                Resource = "namespaces",
                ResponseKind = new DiscoveryGroupVersionKind { Group = "", Version = "v1", Kind = "Namespace" },
                Scope = "Cluster",
                SingularResource = "namespace",
                Verbs = StandaloneNamespaceEndpoints.Verbs,
                ShortNames = ["ns"],
            });
        }

        return new ApiGroupDiscovery
        {
            Metadata = new DiscoveryObjectMeta { Name = group.Length == 0 ? null : group },
            Versions =
            [
                new ApiVersionDiscovery
                {
                    Version = version,
                    Resources = resources.OrderBy(r => r.Resource, StringComparer.Ordinal).ToList(),
                },
            ],
        };
    }

    /// <summary>The verbs of a resource: a CRD's order for custom kinds, kube-apiserver's alphabetical order for built-in ones.</summary>
    private static IReadOnlyList<string> Verbs(ResourceDefinition resource) => resource.CustomKind is null ? BuiltinVerbs : DiscoveryVerbs.Resource;

    /// <summary>The subresources of a resource, sorted by name.</summary>
    private static List<ApiSubresourceDiscovery> Subresources(ResourceDefinition resource)
    {
        var subs = new List<ApiSubresourceDiscovery>();
        if (resource.HasStatus)
        {
            subs.Add(new() { Subresource = "status", ResponseKind = Own(resource, resource.Kind), Verbs = DiscoveryVerbs.StatusAndScale });
        }

        if (resource.Scale is not null)
        {
            subs.Add(new()
            {
                Subresource = "scale",
                ResponseKind = new DiscoveryGroupVersionKind { Group = ScaleGroup, Version = ScaleVersion, Kind = ScaleKind },
                Verbs = DiscoveryVerbs.StatusAndScale,
            });
        }

        if (resource.CustomKind == Kinds.VirtualMachine)
        {
            subs.Add(new()
            {
                Subresource = VirtualMachineSubresources.Power,
                ResponseKind = Own(resource, VirtualMachineSubresources.PowerRequestKind),
                Verbs = DiscoveryVerbs.Power,
            });
            subs.Add(new()
            {
                Subresource = VirtualMachineSubresources.Console,
                ResponseKind = Own(resource, VirtualMachineSubresources.ConsoleKind),
                Verbs = DiscoveryVerbs.Console,
            });
        }

        return subs.OrderBy(s => s.Subresource, StringComparer.Ordinal).ToList();
    }

    private static DiscoveryGroupVersionKind Own(ResourceDefinition resource, string kind) =>
        new() { Group = resource.Group, Version = resource.Version, Kind = kind };

    private Serialized Serialize()
    {
        var m = MachineryJsonContext.Default;
        var d = DiscoveryJsonContext.Default;
        var root = new JsonObject { ["paths"] = new JsonArray(RootPaths.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()) };
        var groups = NamedGroups.ToDictionary(g => g, g => Json(JsonSerializer.SerializeToUtf8Bytes(Group(g), m.ApiGroup)), StringComparer.Ordinal);
        var resourceLists = _catalog.GroupVersions.ToDictionary(gv => gv, gv => Json(JsonSerializer.SerializeToUtf8Bytes(ResourceList(gv.Group, gv.Version), m.ApiResourceList)));
        return new Serialized(
            ApisLegacy: Json(JsonSerializer.SerializeToUtf8Bytes(GroupList, m.ApiGroupList)),
            ApisV2: new CachedDocument(JsonSerializer.SerializeToUtf8Bytes(Aggregated("v2"), d.ApiGroupDiscoveryList), DiscoveryNegotiation.V2ContentType),
            ApisV2Beta1: new CachedDocument(JsonSerializer.SerializeToUtf8Bytes(Aggregated("v2beta1"), d.ApiGroupDiscoveryList), DiscoveryNegotiation.V2Beta1ContentType),
            CoreLegacy: Json(JsonSerializer.SerializeToUtf8Bytes(CoreVersions, m.ApiVersions)),
            CoreV2: new CachedDocument(JsonSerializer.SerializeToUtf8Bytes(AggregatedCore("v2"), d.ApiGroupDiscoveryList), DiscoveryNegotiation.V2ContentType),
            CoreV2Beta1: new CachedDocument(JsonSerializer.SerializeToUtf8Bytes(AggregatedCore("v2beta1"), d.ApiGroupDiscoveryList), DiscoveryNegotiation.V2Beta1ContentType),
            Groups: groups,
            ResourceLists: resourceLists,
            Root: Json(System.Text.Encoding.UTF8.GetBytes(root.ToJsonString())));
    }

    private static CachedDocument Json(byte[] body) => new(body, DiscoveryNegotiation.JsonContentType);

    private sealed record Serialized(
        CachedDocument ApisLegacy,
        CachedDocument ApisV2,
        CachedDocument ApisV2Beta1,
        CachedDocument CoreLegacy,
        CachedDocument CoreV2,
        CachedDocument CoreV2Beta1,
        Dictionary<string, CachedDocument> Groups,
        Dictionary<(string Group, string Version), CachedDocument> ResourceLists,
        CachedDocument Root);
}
