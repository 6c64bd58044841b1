using System.Globalization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// The REST paths and operations of every resource, as kube-apiserver publishes them for a namespaced resource:
/// collection (list/watch, create, deletecollection), item (read, replace, delete, patch), <c>status</c> and
/// <c>scale</c> where the resource has them, the virtual machine actions, and list-for-all-namespaces. Operation ids,
/// tags and parameters follow kube-apiserver. Pure.
/// </summary>
internal static class ResourcePaths
{
    private const string Watch = "watch";

    internal static readonly OpenApiParameter Namespace = new("namespace", "path", "string", "object name and auth scope, such as for teams and projects", Required: true);
    internal static readonly OpenApiParameter Pretty = new("pretty", "query", "string", "If 'true', then the output is pretty printed.");

    private static readonly Dictionary<string, OpenApiParameter> QueryParameters = new OpenApiParameter[]
    {
        new("allowWatchBookmarks", "query", "boolean", "Requests watch events with type BOOKMARK; the server may send them at its discretion. Ignored unless watch is true."),
        new("continue", "query", "string", "The token of the previous page of a limited list, to get the next page."),
        new("dryRun", "query", "string", "When present, modifications are not persisted. The only valid value is All."),
        new("fieldManager", "query", "string", "A name for the actor making the change, recorded in managedFields."),
        new("fieldSelector", "query", "string", "Restricts the returned objects by their fields (metadata.name, metadata.namespace and per-kind fields)."),
        new("fieldValidation", "query", "string", "What to do with unknown or duplicate fields in the request body: Ignore, Warn (the default, as Warning headers) or Strict (reject)."),
        new("force", "query", "boolean", "Force an apply request, taking over conflicting fields; must be unset for other patch types."),
        new("gracePeriodSeconds", "query", "integer", "Seconds before the object is deleted; zero means immediately."),
        new("labelSelector", "query", "string", "Restricts the returned objects by their labels."),
        new("limit", "query", "integer", "The maximum number of objects to return; the list metadata then carries a continue token."),
        new("orphanDependents", "query", "boolean", "Deprecated: use propagationPolicy. Whether dependents are orphaned."),
        new("propagationPolicy", "query", "string", "Whether and how garbage collection is performed: Orphan, Background or Foreground."),
        new("resourceVersion", "query", "string", "Which version of the collection to read or watch from; see resourceVersionMatch."),
        new("resourceVersionMatch", "query", "string", "How resourceVersion applies to a list: Exact or NotOlderThan."),
        new("sendInitialEvents", "query", "boolean", "With watch=true and resourceVersionMatch=NotOlderThan, starts the watch with the current objects as ADDED events, ended by a bookmark annotated k8s.io/initial-events-end."),
        new("timeoutSeconds", "query", "integer", "Limits the duration of a list or watch call."),
        new("watch", "query", "boolean", "Watch for changes to the described resources and return them as a stream of add, update and remove notifications."),
    }.ToDictionary(p => p.Name, StringComparer.Ordinal);

    internal static readonly string[] ListParameters =
        ["allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", Watch];

    internal static readonly string[] WriteParameters = ["dryRun", "fieldManager", "fieldValidation"];

    private static readonly string[] PatchParameters = ["dryRun", "fieldManager", "fieldValidation", "force"];

    internal static readonly string[] DeleteParameters = ["dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy"];

    private static readonly string[] DeleteCollectionParameters =
        ["continue", "dryRun", "fieldSelector", "gracePeriodSeconds", "labelSelector", "limit", "orphanDependents", "propagationPolicy", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds"];

    /// <summary>
    /// The operation-id infix of a group version, kube-openapi's friendly name: <c>CoreV1</c> for the core group,
    /// <c>CoordinationV1</c> (<c>.k8s.io</c> dropped), <c>InfraVirtrigaudIoV1beta1</c>.
    /// </summary>
    public static string OperationGroupVersion(string group, string version) => GroupIdentifier(group) + ToIdentifier(version);

    /// <summary>The <c>tags</c> entry of a group version's operations: <c>core_v1</c>, <c>coordination_v1</c>, <c>infraVirtrigaudIo_v1beta1</c>.</summary>
    public static string Tag(string group, string version) => LowerFirst(GroupIdentifier(group)) + "_" + version;

    /// <summary>All paths of the given resources, sorted by path.</summary>
    public static IReadOnlyList<OpenApiPath> For(IEnumerable<ResourceDefinition> resources) =>
        resources
            .SelectMany(r => For(r).Select(p => Tagged(p, r.Tag)))
            .OrderBy(p => p.Path, StringComparer.Ordinal)
            .ToList();

    /// <summary>The path with every operation tagged <paramref name="tag"/>.</summary>
    public static OpenApiPath Tagged(OpenApiPath path, string tag) =>
        path with { Operations = path.Operations.Select(o => o with { Tag = tag }).ToList() };

    /// <summary>The definition name of a kind of a custom group: <c>io.virtrigaud.infra.v1beta1.VirtualMachine</c>.</summary>
    public static string DefinitionName(string group, string version, string kind) =>
        string.Join('.', group.Split('.').Reverse()) + "." + version + "." + kind;

    private static IEnumerable<OpenApiPath> For(ResourceDefinition kind)
    {
        var prefix = kind.PathPrefix;
        var collection = prefix + "/namespaces/{namespace}/" + kind.Plural;
        var item = collection + "/{name}";
        var name = new OpenApiParameter("name", "path", "string", "name of the " + kind.Kind, Required: true);
        var gvk = kind.GroupVersionKind;
        var def = kind.DefinitionName;
        var listDef = kind.ListDefinitionName;
        var groupVersionId = kind.OperationGroupVersion;
        var id = groupVersionId + "Namespaced" + kind.Kind;

        yield return new OpenApiPath(collection, [Namespace, Pretty],
        [
            Op("get", "list" + id, "list", $"list or watch objects of kind {kind.Kind}", gvk, ListParameters, responses: Ok(listDef)) with { Watchable = true },
            Op("post", "create" + id, "post", $"create a {kind.Kind}", gvk, WriteParameters, body: def, bodyRequired: true,
                responses: [new("200", "OK", def), new("201", "Created", def), new("202", "Accepted", def), Unauthorized]),
            Op("delete", "delete" + groupVersionId + "CollectionNamespaced" + kind.Kind, "deletecollection", $"delete collection of {kind.Kind}", gvk,
                DeleteCollectionParameters, body: MetaDefinitions.DeleteOptions, responses: Ok(MetaDefinitions.Status)),
        ]);

        yield return new OpenApiPath(item, [name, Namespace, Pretty],
        [
            Op("get", "read" + id, "get", $"read the specified {kind.Kind}", gvk, [], responses: Ok(def)),
            Op("put", "replace" + id, "put", $"replace the specified {kind.Kind}", gvk, WriteParameters, body: def, bodyRequired: true,
                responses: [new("200", "OK", def), new("201", "Created", def), Unauthorized]),
            Op("delete", "delete" + id, "delete", $"delete a {kind.Kind}", gvk, DeleteParameters, body: MetaDefinitions.DeleteOptions,
                responses: [new("200", "OK", MetaDefinitions.Status), new("202", "Accepted", MetaDefinitions.Status), Unauthorized]),
            Patch("patch" + id, $"partially update the specified {kind.Kind}", gvk, def),
        ]);

        if (kind.HasStatus)
        {
            yield return new OpenApiPath(item + "/status", [name, Namespace, Pretty],
            [
                Op("get", "read" + id + "Status", "get", $"read status of the specified {kind.Kind}", gvk, [], responses: Ok(def)),
                Op("put", "replace" + id + "Status", "put", $"replace status of the specified {kind.Kind}", gvk, WriteParameters, body: def, bodyRequired: true,
                    responses: [new("200", "OK", def), new("201", "Created", def), Unauthorized]),
                Patch("patch" + id + "Status", $"partially update status of the specified {kind.Kind}", gvk, def),
            ]);
        }

        if (kind.Scale is not null)
        {
            var scaleGvk = new GroupVersionKind("autoscaling", "v1", "Scale");
            var scale = MetaDefinitions.Scale;
            yield return new OpenApiPath(item + "/scale", [name, Namespace, Pretty],
            [
                Op("get", "read" + id + "Scale", "get", $"read scale of the specified {kind.Kind}", scaleGvk, [], responses: Ok(scale)),
                Op("put", "replace" + id + "Scale", "put", $"replace scale of the specified {kind.Kind}", scaleGvk, WriteParameters, body: scale, bodyRequired: true,
                    responses: [new("200", "OK", scale), new("201", "Created", scale), Unauthorized]),
                Patch("patch" + id + "Scale", $"partially update scale of the specified {kind.Kind}", scaleGvk, scale),
            ]);
        }

        if (kind.CustomKind == Kinds.VirtualMachine)
        {
            var power = DefinitionName(kind.Group, kind.Version, VirtualMachineSubresources.PowerRequestKind);
            var console = DefinitionName(kind.Group, kind.Version, VirtualMachineSubresources.ConsoleKind);
            yield return new OpenApiPath(item + "/" + VirtualMachineSubresources.Power, [name, Namespace, Pretty],
            [
                Op("post", "create" + id + "Power", "post", $"request a power action (On, Off, OffGraceful, Reboot) of the specified {kind.Kind}",
                    new GroupVersionKind(GroupInfo.Group, GroupInfo.Version, VirtualMachineSubresources.PowerRequestKind), WriteParameters,
                    body: power, bodyRequired: true, responses: [new("202", "Accepted", def), Unauthorized]),
            ]);
            yield return new OpenApiPath(item + "/" + VirtualMachineSubresources.Console, [name, Namespace, Pretty],
            [
                Op("get", "read" + id + "Console", "get", $"read the console endpoint of the specified {kind.Kind}",
                    new GroupVersionKind(GroupInfo.Group, GroupInfo.Version, VirtualMachineSubresources.ConsoleKind), [], responses: Ok(console)),
            ]);
        }

        yield return new OpenApiPath(prefix + "/" + kind.Plural, [Pretty],
        [
            Op("get", "list" + groupVersionId + kind.Kind + "ForAllNamespaces", "list", $"list or watch objects of kind {kind.Kind}", gvk, ListParameters,
                responses: Ok(listDef)) with { Watchable = true },
        ]);
    }

    internal static OpenApiResponse Unauthorized => new("401", "Unauthorized", null);

    internal static OpenApiResponse[] Ok(string definition) => [new("200", "OK", definition), Unauthorized];

    private static OpenApiOperation Patch(string operationId, string description, GroupVersionKind gvk, string definition) =>
        Op("patch", operationId, "patch", description, gvk, PatchParameters, body: MetaDefinitions.Patch, bodyRequired: true,
            responses: [new("200", "OK", definition), new("201", "Created", definition), Unauthorized], isPatch: true);

    internal static OpenApiOperation Op(
        string method,
        string operationId,
        string action,
        string description,
        GroupVersionKind gvk,
        IEnumerable<string> query,
        IReadOnlyList<OpenApiResponse> responses,
        string? body = null,
        bool bodyRequired = false,
        bool isPatch = false) => new()
        {
            Method = method,
            OperationId = operationId,
            Action = action,
            Description = description,
            Kind = gvk,
            Query = query.Select(q => QueryParameters[q]).ToList(),
            Body = body,
            BodyRequired = bodyRequired,
            IsPatch = isPatch,
            Responses = responses,
        };

    /// <summary>The group part of an operation id: <c>Core</c> for the core group, otherwise the group without <c>.k8s.io</c>, camel-cased.</summary>
    private static string GroupIdentifier(string group) => group.Length == 0 ? "Core" : ToIdentifier(group.EndsWith(".k8s.io", StringComparison.Ordinal) ? group[..^".k8s.io".Length] : group);

    /// <summary>kube-openapi's friendly name: <c>infra.virtrigaud.io</c> → <c>InfraVirtrigaudIo</c>.</summary>
    private static string ToIdentifier(string s) =>
        string.Concat(s.Split('.', '-').Where(p => p.Length > 0).Select(p => char.ToUpper(p[0], CultureInfo.InvariantCulture) + p[1..]));

    private static string LowerFirst(string s) => char.ToLower(s[0], CultureInfo.InvariantCulture) + s[1..];
}
