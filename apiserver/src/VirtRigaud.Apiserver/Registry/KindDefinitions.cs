using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.OpenApi;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The <see cref="ResourceDefinition"/> of each kind of <c>infra.virtrigaud.io/v1beta1</c>, served as kube-apiserver
/// serves a namespaced CRD with a structural schema and the status subresource. One instance per kind for the process
/// (the definitions are immutable), so that every server and test shares them.
/// </summary>
public static class KindDefinitions
{
    private static readonly ConcurrentDictionary<KindInfo, ResourceDefinition> ByKind = new();

    /// <summary>The definitions of the ten kinds, in the order of <see cref="Kinds.All"/>.</summary>
    public static IReadOnlyList<ResourceDefinition> All { get; } = Kinds.All.Select(For).ToList();

    /// <summary>The definition of a kind.</summary>
    public static ResourceDefinition For(KindInfo kind) => ByKind.GetOrAdd(kind, Create);

    private static ResourceDefinition Create(KindInfo kind) => new()
    {
        Group = kind.Group,
        Version = kind.Version,
        Kind = kind.Kind,
        Plural = kind.Plural,
        Singular = kind.Singular,
        ShortNames = kind.ShortNames,
        Schema = kind.Schema,
        CustomKind = kind,
        HasStatus = true,
        Scale = kind.Scale,
        StoragePrefix = $"/{kind.Group}/{kind.Plural}/",
        Strategy = new KindStrategy(kind),
        StatusStrategy = new StatusStrategy(kind),
        SelectableFields = SelectableFields.For(kind.Kind),
        TableColumns = TableColumns.ForKind(kind),
        DefinitionName = ResourcePaths.DefinitionName(kind.Group, kind.Version, kind.Kind),
        ListDefinitionName = ResourcePaths.DefinitionName(kind.Group, kind.Version, kind.ListKind),
        OpenApiDefinitions = () => Definitions(kind),
        OperationGroupVersion = ResourcePaths.OperationGroupVersion(kind.Group, kind.Version),
        Tag = ResourcePaths.Tag(kind.Group, kind.Version),
        StorageVersionHash = Discovery.StorageVersionHash.Compute(kind.Group, kind.Version, kind.Kind),
    };

    private static Dictionary<string, JsonObject> Definitions(KindInfo kind)
    {
        var definitions = new Dictionary<string, JsonObject>(StringComparer.Ordinal)
        {
            [ResourcePaths.DefinitionName(kind.Group, kind.Version, kind.Kind)] = KindSchemas.Kind(kind),
            [ResourcePaths.DefinitionName(kind.Group, kind.Version, kind.ListKind)] = KindSchemas.List(kind),
        };
        if (kind == Kinds.VirtualMachine)
        {
            definitions[ResourcePaths.DefinitionName(kind.Group, kind.Version, VirtualMachineSubresources.PowerRequestKind)] = ActionSchemas.PowerRequest();
            definitions[ResourcePaths.DefinitionName(kind.Group, kind.Version, VirtualMachineSubresources.ConsoleKind)] = ActionSchemas.Console();
        }

        return definitions;
    }
}
