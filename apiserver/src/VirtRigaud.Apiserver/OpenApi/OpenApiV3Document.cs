using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Discovery;
using VirtRigaud.Apiserver.Health;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// Builds the OpenAPI 3.0 document of <c>infra.virtrigaud.io/v1beta1</c> served at
/// <c>/openapi/v3/apis/infra.virtrigaud.io/v1beta1</c>: self-contained (the shared meta schemas are inline), kinds
/// with their full structural schemas, PATCH request bodies listing exactly <see cref="PatchContentTypes.Supported"/>,
/// and <c>fieldValidation</c> declared so that kubectl sends <c>fieldValidation=Strict</c>. Pure.
/// </summary>
internal static class OpenApiV3Document
{
    private static readonly string[] Produces = ["application/json", "application/yaml"];
    private static readonly string[] WatchProduces = ["application/json", "application/yaml", "application/json;stream=watch"];

    public static JsonObject Build()
    {
        var schemas = new JsonObject();
        foreach (var (name, definition) in MetaDefinitions.Create().ToList())
        {
            schemas[name] = definition!.DeepClone();
        }

        foreach (var kind in Kinds.All)
        {
            var schema = KindSchemas.Kind(kind);
            ((JsonObject)schema["properties"]!["metadata"]!)["default"] = new JsonObject();
            schemas[ResourcePaths.DefinitionName(kind.Kind)] = schema;
            schemas[ResourcePaths.DefinitionName(kind.ListKind)] = KindSchemas.List(kind);
        }

        schemas[ResourcePaths.DefinitionName(VirtualMachineSubresources.PowerRequestKind)] = ActionSchemas.PowerRequest();
        schemas[ResourcePaths.DefinitionName(VirtualMachineSubresources.ConsoleKind)] = ActionSchemas.Console();

        var sorted = new JsonObject();
        foreach (var (name, schema) in schemas.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            schemas.Remove(name);
            sorted[name] = schema;
        }

        var paths = new JsonObject();
        foreach (var path in ResourcePaths.All)
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
            ["tags"] = new JsonArray(ResourcePaths.Tag),
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
