using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Discovery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>
/// The discovery documents of this server, built once from <see cref="Kinds.All"/>: what kube-apiserver would publish
/// for the ten CRDs of <c>infra.virtrigaud.io</c> (no categories: the upstream CRDs declare none), plus the two
/// action subresources of virtual machines. Immutable.
/// </summary>
public static class DiscoveryDocuments
{
    private const string ScaleGroup = "autoscaling";
    private const string ScaleVersion = "v1";
    private const string ScaleKind = "Scale";

    private static readonly Lazy<Serialized> Documents = new(Serialize);

    /// <summary>The group's versions, preferred first.</summary>
    public static GroupVersionForDiscovery PreferredVersion { get; } = new() { GroupVersion = GroupInfo.ApiVersion, Version = GroupInfo.Version };

    /// <summary><c>GET /apis</c> in legacy form.</summary>
    public static ApiGroupList GroupList => new() { Groups = [Group] };

    /// <summary><c>GET /apis/infra.virtrigaud.io</c>.</summary>
    public static ApiGroup Group => new() { Name = GroupInfo.Group, Versions = [PreferredVersion], PreferredVersion = PreferredVersion };

    /// <summary><c>GET /api</c> in legacy form: this server serves no core (legacy) group version.</summary>
    public static ApiVersions CoreVersions => new();

    /// <summary><c>GET /apis/infra.virtrigaud.io/v1beta1</c>: resources and subresources sorted by name.</summary>
    public static ApiResourceList ResourceList { get; } = BuildResourceList();

    /// <summary>The paths <c>GET /</c> lists.</summary>
    public static IReadOnlyList<string> RootPaths { get; } =
    [
        "/api", "/apis", "/apis/" + GroupInfo.Group, "/apis/" + GroupInfo.ApiVersion, "/healthz", "/livez", "/openapi/v2",
        "/openapi/v3", "/readyz", "/version",
    ];

    /// <summary><c>GET /apis</c> as an aggregated discovery document of the given apidiscovery version (v2, v2beta1).</summary>
    public static ApiGroupDiscoveryList Aggregated(string discoveryVersion) => new()
    {
        ApiVersion = DiscoveryNegotiation.DiscoveryGroup + "/" + discoveryVersion,
        Items = [BuildGroupDiscovery()],
    };

    /// <summary><c>GET /api</c> as an aggregated discovery document: no groups.</summary>
    public static ApiGroupDiscoveryList AggregatedCore(string discoveryVersion) => new()
    {
        ApiVersion = DiscoveryNegotiation.DiscoveryGroup + "/" + discoveryVersion,
        Items = [],
    };

    internal static CachedDocument Apis(DiscoveryFormat format) => format switch
    {
        DiscoveryFormat.AggregatedV2 => Documents.Value.ApisV2,
        DiscoveryFormat.AggregatedV2Beta1 => Documents.Value.ApisV2Beta1,
        _ => Documents.Value.ApisLegacy,
    };

    internal static CachedDocument Core(DiscoveryFormat format) => format switch
    {
        DiscoveryFormat.AggregatedV2 => Documents.Value.CoreV2,
        DiscoveryFormat.AggregatedV2Beta1 => Documents.Value.CoreV2Beta1,
        _ => Documents.Value.CoreLegacy,
    };

    internal static CachedDocument GroupDocument => Documents.Value.Group;

    internal static CachedDocument ResourceListDocument => Documents.Value.ResourceList;

    internal static CachedDocument RootDocument => Documents.Value.Root;

    private static ApiResourceList BuildResourceList()
    {
        var resources = new List<ApiResource>();
        foreach (var kind in Kinds.All)
        {
            resources.Add(new ApiResource
            {
                Name = kind.Plural,
                SingularName = kind.Singular,
                Namespaced = kind.Namespaced,
                Kind = kind.Kind,
                Verbs = DiscoveryVerbs.Resource,
                ShortNames = kind.ShortNames.Count > 0 ? kind.ShortNames : null,
                StorageVersionHash = StorageVersionHash.Compute(kind.Group, kind.Version, kind.Kind),
            });
            foreach (var sub in Subresources(kind))
            {
                resources.Add(new ApiResource
                {
                    Name = kind.Plural + "/" + sub.Subresource,
                    Namespaced = kind.Namespaced,
                    Group = sub.ResponseKind.Group == kind.Group ? null : sub.ResponseKind.Group,
                    Version = sub.ResponseKind.Group == kind.Group ? null : sub.ResponseKind.Version,
                    Kind = sub.ResponseKind.Kind,
                    Verbs = sub.Verbs,
                });
            }
        }

        return new ApiResourceList
        {
            GroupVersion = GroupInfo.ApiVersion,
            Resources = resources.OrderBy(r => r.Name, StringComparer.Ordinal).ToList(),
        };
    }

    private static ApiGroupDiscovery BuildGroupDiscovery() => new()
    {
        Metadata = new DiscoveryObjectMeta { Name = GroupInfo.Group },
        Versions =
        [
            new ApiVersionDiscovery
            {
                Version = GroupInfo.Version,
                Resources = Kinds.All
                    .OrderBy(k => k.Plural, StringComparer.Ordinal)
                    .Select(kind => new ApiResourceDiscovery
                    {
                        Resource = kind.Plural,
                        ResponseKind = Own(kind.Kind),
                        Scope = kind.Namespaced ? "Namespaced" : "Cluster",
                        SingularResource = kind.Singular,
                        Verbs = DiscoveryVerbs.Resource,
                        ShortNames = kind.ShortNames.Count > 0 ? kind.ShortNames : null,
                        Subresources = Subresources(kind),
                    })
                    .ToList(),
            },
        ],
    };

    /// <summary>The subresources of a kind, sorted by name.</summary>
    private static List<ApiSubresourceDiscovery> Subresources(KindInfo kind)
    {
        var subs = new List<ApiSubresourceDiscovery>
        {
            new() { Subresource = "status", ResponseKind = Own(kind.Kind), Verbs = DiscoveryVerbs.StatusAndScale },
        };
        if (kind.Scale is not null)
        {
            subs.Add(new()
            {
                Subresource = "scale",
                ResponseKind = new DiscoveryGroupVersionKind { Group = ScaleGroup, Version = ScaleVersion, Kind = ScaleKind },
                Verbs = DiscoveryVerbs.StatusAndScale,
            });
        }

        if (kind == Kinds.VirtualMachine)
        {
            subs.Add(new()
            {
                Subresource = VirtualMachineSubresources.Power,
                ResponseKind = Own(VirtualMachineSubresources.PowerRequestKind),
                Verbs = DiscoveryVerbs.Power,
            });
            subs.Add(new()
            {
                Subresource = VirtualMachineSubresources.Console,
                ResponseKind = Own(VirtualMachineSubresources.ConsoleKind),
                Verbs = DiscoveryVerbs.Console,
            });
        }

        return subs.OrderBy(s => s.Subresource, StringComparer.Ordinal).ToList();
    }

    private static DiscoveryGroupVersionKind Own(string kind) => new() { Group = GroupInfo.Group, Version = GroupInfo.Version, Kind = kind };

    private static Serialized Serialize()
    {
        var m = MachineryJsonContext.Default;
        var d = DiscoveryJsonContext.Default;
        var root = new JsonObject { ["paths"] = new JsonArray(RootPaths.Select(p => (JsonNode)JsonValue.Create(p)).ToArray()) };
        return new Serialized(
            ApisLegacy: Json(JsonSerializer.SerializeToUtf8Bytes(GroupList, m.ApiGroupList)),
            ApisV2: new CachedDocument(JsonSerializer.SerializeToUtf8Bytes(Aggregated("v2"), d.ApiGroupDiscoveryList), DiscoveryNegotiation.V2ContentType),
            ApisV2Beta1: new CachedDocument(JsonSerializer.SerializeToUtf8Bytes(Aggregated("v2beta1"), d.ApiGroupDiscoveryList), DiscoveryNegotiation.V2Beta1ContentType),
            CoreLegacy: Json(JsonSerializer.SerializeToUtf8Bytes(CoreVersions, m.ApiVersions)),
            CoreV2: new CachedDocument(JsonSerializer.SerializeToUtf8Bytes(AggregatedCore("v2"), d.ApiGroupDiscoveryList), DiscoveryNegotiation.V2ContentType),
            CoreV2Beta1: new CachedDocument(JsonSerializer.SerializeToUtf8Bytes(AggregatedCore("v2beta1"), d.ApiGroupDiscoveryList), DiscoveryNegotiation.V2Beta1ContentType),
            Group: Json(JsonSerializer.SerializeToUtf8Bytes(Group, m.ApiGroup)),
            ResourceList: Json(JsonSerializer.SerializeToUtf8Bytes(ResourceList, m.ApiResourceList)),
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
        CachedDocument Group,
        CachedDocument ResourceList,
        CachedDocument Root);
}
