using System.Text.Json.Nodes;
using VirtRigaud.Apiserver.Health;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.OpenApi;

/// <summary>
/// Builds the Swagger 2.0 document served at <c>/openapi/v2</c> for a catalog: every path of <see cref="ResourcePaths"/>
/// (and of namespaces when the core group is served), the definitions every resource needs (custom kinds converted to
/// v2 as kube-apiserver converts CRD schemas) and the shared meta definitions. Pure.
/// </summary>
internal static class OpenApiV2Document
{
    private static readonly string[] Produces = ["application/json", "application/yaml"];
    private static readonly string[] WatchProduces = ["application/json", "application/yaml", "application/json;stream=watch"];

    public static JsonObject Build(ApiCatalog catalog)
    {
        var definitions = MetaDefinitions.Create();
        foreach (var resource in catalog.Resources)
        {
            foreach (var (name, definition) in resource.OpenApiDefinitions())
            {
                if (resource.CustomKind is not null && name == resource.DefinitionName)
                {
                    OpenApiSchemaConversion.ToV2Structural(definition);
                }

                definitions[name] = definition;
            }
        }

        var allPaths = ResourcePaths.For(catalog.Resources);
        if (catalog.ServesCore)
        {
            foreach (var (name, definition) in NamespaceOpenApi.Definitions())
            {
                definitions[name] = definition;
            }

            allPaths = [.. allPaths, .. NamespaceOpenApi.Paths()];
            allPaths = allPaths.OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
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

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "VirtRigaud", ["version"] = ServerVersion.Info.GitVersion },
            ["paths"] = paths,
            ["definitions"] = Sorted(definitions),
            ["securityDefinitions"] = new JsonObject
            {
                ["BearerToken"] = new JsonObject
                {
                    ["description"] = "Bearer Token authentication",
                    ["type"] = "apiKey",
                    ["name"] = "authorization",
                    ["in"] = "header",
                },
            },
            ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
        };
    }

    private static JsonObject Operation(OpenApiOperation op)
    {
        var parameters = new JsonArray();
        if (op.Body is not null)
        {
            parameters.Add(new JsonObject
            {
                ["name"] = "body",
                ["in"] = "body",
                ["required"] = op.BodyRequired,
                ["schema"] = OpenApiSchemaConversion.Ref(op.Body),
            });
        }

        foreach (var p in op.Query)
        {
            parameters.Add(Parameter(p));
        }

        var responses = new JsonObject();
        foreach (var r in op.Responses)
        {
            var response = new JsonObject { ["description"] = r.Description };
            if (r.Definition is not null)
            {
                response["schema"] = OpenApiSchemaConversion.Ref(r.Definition);
            }

            responses[r.Code] = response;
        }

        var consumes = op.IsPatch ? PatchContentTypes.Supported : ["*/*"];
        return new JsonObject
        {
            ["description"] = op.Description,
            ["consumes"] = Strings(consumes),
            ["produces"] = Strings(op.Watchable ? WatchProduces : Produces),
            ["schemes"] = Strings(["https"]),
            ["tags"] = Strings([op.Tag]),
            ["operationId"] = op.OperationId,
            ["parameters"] = parameters,
            ["responses"] = responses,
            ["x-kubernetes-action"] = op.Action,
            ["x-kubernetes-group-version-kind"] = new JsonObject
            {
                ["group"] = op.Kind.Group,
                ["kind"] = op.Kind.Kind,
                ["version"] = op.Kind.Version,
            },
        };
    }

    private static JsonObject Parameter(OpenApiParameter p)
    {
        var o = new JsonObject
        {
            ["uniqueItems"] = p.UniqueItems,
            ["type"] = p.Type,
            ["description"] = p.Description,
            ["name"] = p.Name,
            ["in"] = p.In,
        };
        if (p.Required)
        {
            o["required"] = true;
        }

        return o;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static JsonObject Sorted(JsonObject o)
    {
        var result = new JsonObject();
        foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal).ToList())
        {
            o.Remove(key);
            result[key] = value;
        }

        return result;
    }
}
