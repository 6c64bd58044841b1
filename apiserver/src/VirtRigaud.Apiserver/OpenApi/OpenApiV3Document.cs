using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Health;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.0 document of one group version served at <c>/openapi/v3/apis/{group}/{version}</c> (or
/// <c>/openapi/v3/api/v1</c>): self-contained (the shared meta schemas are inline), kinds with their full schemas,
/// PATCH request bodies listing exactly <see cref="PatchContentTypes.Supported"/>, and <c>fieldValidation</c> declared
/// so that kubectl sends <c>fieldValidation=Strict</c>. Pure.
/// </summary>
internal static class OpenApiV3Document
{
    private static readonly string[] Produces = ["application/json", "application/yaml"];
    private static readonly string[] WatchProduces = ["application/json", "application/yaml", "application/json;stream=watch"];

    public static JsonObject Build(ApiCatalog catalog, string group, string version)
    {
        var schemas = new JsonObject();
        foreach (var (name, definition) in MetaDefinitions.Create().ToList())
        {
            schemas[name] = definition!.DeepClone();
        }

        var resources = catalog.In(group, version).ToList();
        foreach (var resource in resources)
        {
            foreach (var (name, definition) in resource.OpenApiDefinitions())
            {
                if (resource.CustomKind is not null && name == resource.DefinitionName)
                {
                    // As kube-apiserver publishes CRDs in v3: metadata defaults to an empty object.
                    ((JsonObject)definition["properties"]!["metadata"]!)["default"] = new JsonObject();
                }

                schemas[name] = definition;
            }
        }

        var allPaths = ResourcePaths.For(resources);
        if (group.Length == 0 && catalog.ServesCore)
        {
            foreach (var (name, definition) in NamespaceOpenApi.Definitions())
            {
                schemas[name] = definition;
            }

            allPaths = [.. allPaths, .. NamespaceOpenApi.Paths()];
            allPaths = allPaths.OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
        }

        var sorted = new JsonObject();
        foreach (var (name, schema) in schemas.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            schemas.Remove(name);
            sorted[name] = schema;
        }

        var paths = new JsonObject();
        foreach (var path in allPaths)
        {
            var item = new JsonObject();
            foreach (var op in path.Operations)
            {
                item[op.Method] = Operation(op);
            }

            item["parameters"] = new JsonArray(path.Parameters.Select(p => (JsonNode)Parameter(p)).ToArray());
            paths[path.Path] = item;
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "VirtRigaud", ["version"] = ServerVersion.Info.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = sorted,
                ["securitySchemes"] = new JsonObject
                {
                    ["BearerToken"] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["description"] = "Bearer Token authentication",
                        ["name"] = "authorization",
                        ["in"] = "header",
                    },
                },
            },
        };
        OpenApiSchemaConversion.ToV3(document);
        return document;
    }

    private static JsonObject Operation(OpenApiOperation op)
    {
        var o = new JsonObject
        {
            ["tags"] = new JsonArray(op.Tag),
            ["description"] = op.Description,
            ["operationId"] = op.OperationId,
        };
        if (op.Query.Count > 0)
        {
            o["parameters"] = new JsonArray(op.Query.Select(p => (JsonNode)Parameter(p)).ToArray());
        }

        if (op.Body is not null)
        {
            var content = new JsonObject();
            foreach (var mediaType in op.IsPatch ? PatchContentTypes.Supported : ["*/*"])
            {
                content[mediaType] = new JsonObject { ["schema"] = OpenApiSchemaConversion.Ref(op.Body) };
            }

            o["requestBody"] = new JsonObject { ["content"] = content, ["required"] = op.BodyRequired };
        }

        var responses = new JsonObject();
        foreach (var r in op.Responses)
        {
            var response = new JsonObject { ["description"] = r.Description };
            if (r.Definition is not null)
            {
                var content = new JsonObject();
                foreach (var mediaType in op.Watchable ? WatchProduces : Produces)
                {
                    content[mediaType] = new JsonObject { ["schema"] = OpenApiSchemaConversion.Ref(r.Definition) };
                }

                response["content"] = content;
            }

            responses[r.Code] = response;
        }

        o["responses"] = responses;
        o["x-kubernetes-action"] = op.Action;
        o["x-kubernetes-group-version-kind"] = new JsonObject
        {
            ["group"] = op.Kind.Group,
            ["kind"] = op.Kind.Kind,
            ["version"] = op.Kind.Version,
        };
        return o;
    }

    private static JsonObject Parameter(OpenApiParameter p)
    {
        var o = new JsonObject
        {
            ["name"] = p.Name,
            ["in"] = p.In,
            ["description"] = p.Description,
        };
        if (p.Required)
        {
            o["required"] = true;
        }

        o["schema"] = new JsonObject { ["type"] = p.Type, ["uniqueItems"] = p.UniqueItems };
        return o;
    }
}
