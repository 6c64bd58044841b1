using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;
using VirtRigaud.Apiserver.Hosting;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Apiserver.Registry.Builtin.Namespaces;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// <c>/api/v1/namespaces</c> for a server running without kube-apiserver (semantics: <see cref="NamespaceRegistry"/>).
/// With the standalone core API (<see cref="ApiCatalog.ServesCore"/>): list (<c>kubectl get ns</c>, Table included),
/// create (<c>kubectl create ns</c>), get and delete. Without it (the server runs aggregated), only GET of one
/// namespace is answered, with an Active namespace for every valid name: kubectl asks for the namespace after a
/// NotFound in any namespace but <c>default</c> to phrase its message, and without this answer prints "the server could
/// not find the requested resource" instead of the object's own NotFound. Inside a cluster kube-apiserver serves
/// namespaces and these endpoints are never reached. Other methods are 405; watching namespaces is not served.
/// </summary>
public static class StandaloneNamespaceEndpoints
{
    private const string CollectionPath = "/api/v1/namespaces";

    /// <summary>The verbs discovery advertises for namespaces.</summary>
    public static IReadOnlyList<string> Verbs { get; } = ["create", "delete", "get", "list"];

    /// <summary>kube-apiserver's Table of namespaces: Name, Status, Age.</summary>
    internal static IReadOnlyList<TableColumn> Columns { get; } =
    [
        TableColumns.Name,
        new()
        {
            Name = "Status",
            Type = "string",
            Description = "The status of the namespace",
            Cell = (obj, _) => JsonValue.Create(obj["status"]?["phase"]?.GetValue<string>() ?? ""),
        },
        TableColumns.Age,
    ];

    public static IEndpointRouteBuilder MapStandaloneNamespaceEndpoints(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<ApiCatalog>().ServesCore)
        {
            app.MapMethods(CollectionPath + "/{name}", [HttpMethods.Get, HttpMethods.Head], ServeSynthesizedAsync);
            return app;
        }

        app.Map(CollectionPath, ServeCollectionAsync);
        app.Map(CollectionPath + "/{name}", ServeItemAsync);
        return app;
    }

    private static Task ServeSynthesizedAsync(HttpContext context, string name)
    {
        if (NameValidation.IsDns1123Label(name).Count > 0)
        {
            throw StatusException.NotFound("", "namespaces", name);
        }

        return ApiResponses.WriteAsync(context, StatusCodes.Status200OK, NamespaceRegistry.Synthesize(name), ContentNegotiator.ForStatus(context.Request), null, context.RequestAborted);
    }

    private static async Task ServeCollectionAsync(HttpContext context)
    {
        var request = context.Request;
        var registry = context.RequestServices.GetRequiredService<NamespaceRegistry>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var ct = context.RequestAborted;
        var info = context.Features.GetRequiredFeature<RequestContextFeature>().Info;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            if (info.Verb == "watch")
            {
                throw ResourceHandler.MethodNotAllowed();
            }

            var format = ContentNegotiator.Negotiate(request, allowTransform: true, watch: false);
            var query = ListQueryParser.Parse(request.Query, watch: false);
            var (items, revision) = await registry.ListAsync(query.LabelSelector, query.FieldSelector, ct);
            var listMeta = ListMetaFields.At(revision);
            JsonNode body = format.Target switch
            {
                ResponseTarget.Object => new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "NamespaceList",
                    ["metadata"] = listMeta.ToJson(),
                    ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
                },
                ResponseTarget.Table => ObjectTransforms.Table(items, Columns, sensitive: false, listMeta, ObjectTransforms.IncludeObject(request.Query), format, time.GetUtcNow()),
                ResponseTarget.PartialObjectMetadataList => ObjectTransforms.PartialObjectMetadataList(items, listMeta, format),
                _ => throw StatusException.NotAcceptable("you requested PartialObjectMetadata, but the requested object is a list"),
            };
            await ApiResponses.WriteAsync(context, StatusCodes.Status200OK, body, format, null, ct);
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            throw ResourceHandler.MethodNotAllowed();
        }

        var createFormat = ContentNegotiator.Negotiate(request, allowTransform: true, watch: false);
        var scope = WriteOptionsParser.WriteScope(request, context.Features.GetRequiredFeature<RequestContextFeature>().User, "", "CreateOptions");
        var options = context.RequestServices.GetRequiredService<ResourceApiOptions>();
        var bytes = await RequestBodyReader.ReadAsync(request, options.MaxRequestBodyBytes, ct);
        var decoded = RequestBodyReader.DecodeObject(request, bytes, "Namespace", protobufType: NamespaceTypes.Namespace);
        scope.DuplicateFields = decoded.DuplicateFields;
        CheckTypeMeta(decoded.Object);
        var created = await registry.CreateAsync(scope, decoded.Object, ct);
        await WriteOneAsync(context, StatusCodes.Status201Created, created, createFormat, scope.Warnings, time);
    }

    private static async Task ServeItemAsync(HttpContext context, string name)
    {
        var request = context.Request;
        var registry = context.RequestServices.GetRequiredService<NamespaceRegistry>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var ct = context.RequestAborted;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            var format = ContentNegotiator.Negotiate(request, allowTransform: true, watch: false);
            await WriteOneAsync(context, StatusCodes.Status200OK, await registry.GetAsync(name, ct), format, null, time);
            return;
        }

        if (!HttpMethods.IsDelete(request.Method))
        {
            throw ResourceHandler.MethodNotAllowed();
        }

        var deleteFormat = ContentNegotiator.Negotiate(request, allowTransform: false, watch: false);
        var options = context.RequestServices.GetRequiredService<ResourceApiOptions>();
        var deleteOptions = await DeleteOptionsReader.ReadAsync(request, options.MaxRequestBodyBytes, ct);
        var deleted = await registry.DeleteAsync(name, DeleteOptionsReader.IsDryRun(deleteOptions), ct);
        await ApiResponses.WriteAsync(context, StatusCodes.Status200OK, deleted, deleteFormat, null, ct);
    }

    private static Task WriteOneAsync(HttpContext context, int statusCode, JsonObject obj, ResponseFormat format, IEnumerable<string>? warnings, TimeProvider time)
    {
        JsonNode body = format.Target switch
        {
            ResponseTarget.Object => obj,
            ResponseTarget.Table => ObjectTransforms.Table(
                [obj], Columns, sensitive: false, new ListMetaFields(ObjectTransforms.Meta(obj, "resourceVersion") ?? ""), ObjectTransforms.IncludeObject(context.Request.Query), format, time.GetUtcNow()),
            ResponseTarget.PartialObjectMetadata => ObjectTransforms.PartialObjectMetadata(obj, format),
            _ => throw StatusException.NotAcceptable("you requested PartialObjectMetadataList, but the requested object is not a list"),
        };
        return ApiResponses.WriteAsync(context, statusCode, body, format, warnings, context.RequestAborted);
    }

    /// <summary>The body's apiVersion and kind, when given, must be v1 Namespace (400 otherwise, as for other kinds).</summary>
    private static void CheckTypeMeta(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.ToString() ?? "";
        if (apiVersion.Length > 0 && apiVersion != "v1")
        {
            throw StatusException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version (v1)");
        }

        var kind = obj["kind"]?.ToString() ?? "";
        if (kind.Length > 0 && kind != "Namespace")
        {
            throw StatusException.Invalid("", "Namespace", ObjectJson.Name(obj), [FieldError.Invalid(FieldPath.NewPath("kind"), kind, "must be Namespace")]);
        }
    }
}
