using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Registry.Builtin;
using VirtRigaud.Apiserver.Registry.Builtin.Namespaces;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// The OpenAPI of the standalone namespaces (<see cref="Http.StandaloneNamespaceEndpoints"/>): the Namespace
/// definitions and the operations actually served (list, create, read, delete), as kube-apiserver names them. Pure.
/// </summary>
internal static class NamespaceOpenApi
{
    private static readonly string[] ListParameters = ["fieldSelector", "labelSelector"];

    /// <summary>The definitions of Namespace, NamespaceList and their parts.</summary>
    public static Dictionary<string, JsonObject> Definitions() =>
        GoTypeSchemas.Definitions(NamespaceTypes.Namespace, NamespaceTypes.ListDefinitionName);

    /// <summary>The paths <c>/api/v1/namespaces</c> and <c>/api/v1/namespaces/{name}</c>.</summary>
    public static IReadOnlyList<OpenApiPath> Paths()
    {
        var gvk = new GroupVersionKind("", "v1", "Namespace");
        var def = NamespaceTypes.DefinitionName;
        var id = ResourcePaths.OperationGroupVersion("", "v1") + "Namespace";
        var name = new OpenApiParameter("name", "path", "string", "name of the Namespace", Required: true);
        var tag = ResourcePaths.Tag("", "v1");
        return
        [
            ResourcePaths.Tagged(
                new OpenApiPath("/api/v1/namespaces", [ResourcePaths.Pretty],
                [
                    ResourcePaths.Op("get", "list" + id, "list", "list objects of kind Namespace", gvk, ListParameters, responses: ResourcePaths.Ok(NamespaceTypes.ListDefinitionName)),
                    ResourcePaths.Op("post", "create" + id, "post", "create a Namespace", gvk, ResourcePaths.WriteParameters, body: def, bodyRequired: true,
                        responses: [new("200", "OK", def), new("201", "Created", def), new("202", "Accepted", def), ResourcePaths.Unauthorized]),
                ]),
                tag),
            ResourcePaths.Tagged(
                new OpenApiPath("/api/v1/namespaces/{name}", [name, ResourcePaths.Pretty],
                [
                    ResourcePaths.Op("get", "read" + id, "get", "read the specified Namespace", gvk, [], responses: ResourcePaths.Ok(def)),
                    ResourcePaths.Op("delete", "delete" + id, "delete", "delete a Namespace", gvk, ResourcePaths.DeleteParameters, body: MetaDefinitions.DeleteOptions,
                        responses: [new("200", "OK", MetaDefinitions.Status), new("202", "Accepted", MetaDefinitions.Status), ResourcePaths.Unauthorized]),
                ]),
                tag),
        ];
    }
}
